#!/bin/bash
# On-start hook: SageMaker runs it as root on every start, with PATH=/sbin:/bin:/usr/sbin:/usr/bin and a
# 5-minute limit. Only /home/ec2-user/SageMaker survives a stop, so everything below is reinstalled on each
# start, and writes only what differs: running it twice changes nothing. The notebook layer runs it from the
# generated hook, which exports the SECURE_ML_* settings and unpacks lib/ into SECURE_ML_PAYLOAD.
set -euo pipefail
component=on-start
payload="${SECURE_ML_PAYLOAD:?SECURE_ML_PAYLOAD is unset: run the hook the notebook layer generates}"
# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$payload/common.sh"

# 1. The AWS CLI the installed scripts call (their PATH cannot see a conda-only CLI), the settings they read,
# and the scripts themselves. Without a CLI the notebook still starts (failing here would lock users out), but
# the log says loudly that it will never stop itself.
if SECURE_ML_AWS_CLI="$(find_aws_cli)"; then
  log "AWS CLI: $SECURE_ML_AWS_CLI"
else
  SECURE_ML_AWS_CLI=""
  log "ERROR: no AWS CLI found (system or conda): the idle auto-stop cannot stop this instance"
fi
export SECURE_ML_AWS_CLI
write_file "$settings_file" 0644 < <(env | grep -E '^SECURE_ML_(NOTEBOOK_NAME|REGION|IDLE_MINUTES|DATA_BUCKET|DATA_PREFIX|DATA_KEY_ARN|PIP_INDEX_URL|CODEARTIFACT_[A-Z]+|CONDA_CHANNEL_URL|JUPYTER_URL|AWS_CLI)=' | sort | sed -E "s/^([A-Z_]+)=(.*)$/\1='\2'/")
for script in common.sh auto-stop.sh mirror.sh; do
  write_file "$install_dir/$script" 0755 <"$payload/$script"
done

# 2. The environment of notebook users: terminals source it through profile.d, and the SageMaker Python SDK
# reads its admin defaults file (below).
write_file "$root/etc/secure-ml/notebook.env" 0644 <<ENV
SECURE_ML_DATA_BUCKET=$SECURE_ML_DATA_BUCKET
SECURE_ML_DATA_PREFIX=$SECURE_ML_DATA_PREFIX
SECURE_ML_DATA_KEY_ARN=$SECURE_ML_DATA_KEY_ARN
AWS_REGION=$SECURE_ML_REGION
AWS_DEFAULT_REGION=$SECURE_ML_REGION
AWS_STS_REGIONAL_ENDPOINTS=regional
ENV
write_file "$root/etc/profile.d/secure-ml.sh" 0644 <<'PROFILE'
set -a
. /etc/secure-ml/notebook.env
set +a
PROFILE
# The SageMaker Python SDK's admin defaults file (the SDK reads /etc/xdg/sagemaker/config.yaml before the user's
# ~/.config/sagemaker/config.yaml; keys and nesting are the SDK's config schema, "Configuring and using defaults
# with the SageMaker Python SDK"): sessions default to the data bucket and this notebook's own prefix, and with
# jobs on, an estimator, processor or tuner built with no extra arguments gets the job posture the notebook role
# requires: the job role, the private subnets and job group, the data key on volume and output, inter-container
# encryption, network isolation as configured, and this notebook's tag (without which it may start no job).
sdk_config() {
  cat <<SDK
SchemaVersion: '1.0'
SageMaker:
  PythonSDK:
    Modules:
      Session:
        DefaultS3Bucket: $SECURE_ML_DATA_BUCKET
        DefaultS3ObjectKeyPrefix: ${SECURE_ML_DATA_PREFIX%/}
SDK
  [[ -n "${SECURE_ML_JOB_ROLE_ARN:-}" ]] || return 0
  local subnet subnets="" list
  IFS=, read -ra list <<<"$SECURE_ML_JOB_SUBNETS"
  for subnet in "${list[@]}"; do subnets+="${subnets:+, }'$subnet'"; done
  local key="'$SECURE_ML_DATA_KEY_ARN'" role="'$SECURE_ML_JOB_ROLE_ARN'"
  local vpc="SecurityGroupIds: ['$SECURE_ML_JOB_SECURITY_GROUP']"$'\n'"      Subnets: [$subnets]"
  local tags="- Key: 'secure-ml:notebook-id'"$'\n'"        Value: '$SECURE_ML_NOTEBOOK_ID'"
  cat <<SDK
  TrainingJob:
    RoleArn: $role
    EnableInterContainerTrafficEncryption: true
    EnableNetworkIsolation: $SECURE_ML_JOB_NETWORK_ISOLATION
    VpcConfig:
      $vpc
    OutputDataConfig:
      KmsKeyId: $key
    ResourceConfig:
      VolumeKmsKeyId: $key
    Tags:
      $tags
  ProcessingJob:
    RoleArn: $role
    NetworkConfig:
      EnableInterContainerTrafficEncryption: true
      EnableNetworkIsolation: $SECURE_ML_JOB_NETWORK_ISOLATION
      VpcConfig:
        ${vpc//$'\n'/$'\n'  }
    ProcessingOutputConfig:
      KmsKeyId: $key
    ProcessingResources:
      ClusterConfig:
        VolumeKmsKeyId: $key
    Tags:
      $tags
SDK
}
write_file "$root/etc/xdg/sagemaker/config.yaml" 0644 < <(sdk_config)

# 3. Periodic jobs: a systemd timer where systemd runs (AL2023), cron otherwise.
# schedule NAME CRON_SPEC SYSTEMD_INTERVAL SCRIPT
schedule() {
  local name="$1" spec="$2" interval="$3" script="$install_dir/$4" unit="$root/etc/systemd/system/secure-ml-$1"
  if [[ -d "$root/run/systemd/system" ]]; then
    changed=0
    write_file "$unit.service" 0644 <<UNIT
[Unit]
Description=secure-ml $name of the notebook instance
[Service]
Type=oneshot
Environment=PATH=/usr/local/bin:/usr/bin:/bin
ExecStart=$script
UNIT
    write_file "$unit.timer" 0644 <<UNIT
[Unit]
Description=Runs secure-ml $name every $interval
[Timer]
OnActiveSec=$interval
OnUnitActiveSec=$interval
[Install]
WantedBy=timers.target
UNIT
    if ((changed)); then systemctl daemon-reload; fi
    if ((changed)) || ! systemctl is-active --quiet "secure-ml-$name.timer"; then
      systemctl enable --now "secure-ml-$name.timer"
    fi
  else
    local line="$spec $script" current
    current="$(crontab -l 2>/dev/null || true)"
    if ! grep -qxF "$line" <<<"$current"; then
      printf '%s\n' "$current" "$line" | grep -v '^$' | crontab -
    fi
  fi
  log "$name scheduled every $interval"
}
schedule auto-stop '*/5 * * * *' 5min auto-stop.sh

# 4. The package mirror needs SageMaker-external calls (CodeArtifact), which may be slow: it runs in the
# background so that this hook never nears its 5-minute limit.
if [[ -n "${SECURE_ML_PIP_INDEX_URL}${SECURE_ML_CODEARTIFACT_DOMAIN}${SECURE_ML_CONDA_CHANNEL_URL}" ]]; then
  if [[ -n "$SECURE_ML_CODEARTIFACT_DOMAIN" ]]; then schedule mirror-refresh '0 */6 * * *' 6h mirror.sh; fi
  nohup "$install_dir/mirror.sh" >/dev/null 2>&1 &
  log "package mirror configuration started in the background (pid $!)"
else
  log "no package mirror configured; public package indexes stay unreachable"
fi
log "on-start complete"
