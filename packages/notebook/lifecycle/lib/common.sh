#!/bin/bash
# Sourced (never run) by the lifecycle hooks and by the scripts they install.
# SECURE_ML_ROOT prefixes every absolute path: empty on the instance, a temporary directory in the tests.
# shellcheck disable=SC2034 # variables are read by the scripts that source this file
root="${SECURE_ML_ROOT:-}"
# An installed script (systemd and cron run them with nothing but PATH) finds the root from its own path.
case "${BASH_SOURCE[0]}" in */opt/secure-ml/common.sh) root="${BASH_SOURCE[0]%/opt/secure-ml/common.sh}" ;; esac
install_dir="$root/opt/secure-ml"
settings_file="$root/etc/secure-ml/settings.env"
state_dir="$root/var/lib/secure-ml"
# SageMaker ships /var/log/jupyter.log to the <notebook>/jupyter.log stream of /aws/sagemaker/NotebookInstances.
log_file="$root/var/log/jupyter.log"

# log MESSAGE...: one line on stdout (the hook's own log stream) and in the notebook's jupyter.log stream.
log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) secure-ml ${component:-lifecycle}: $*"
  mkdir -p "${log_file%/*}"
  printf '%s\n' "$line" | tee -a "$log_file"
}

# write_file DEST MODE < content: replaces DEST only when the content differs, so that a second run changes
# nothing (not even the modification time). Sets changed=1 when it wrote.
changed=0
write_file() {
  local dest="$1" mode="$2" tmp
  mkdir -p "${dest%/*}"
  tmp="$(mktemp "${dest%/*}/.secure-ml.XXXXXX")"
  cat >"$tmp"
  chmod "$mode" "$tmp"
  if [[ -f "$dest" ]] && cmp -s "$tmp" "$dest" && [[ "$(stat -c %a "$dest")" == "${mode#0}" ]]; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$dest"
    changed=1
  fi
}

# find_aws_cli: the path of the AWS CLI, or nothing. The installed scripts run from systemd or cron with
# PATH=/usr/local/bin:/usr/bin:/bin, where a conda-only CLI is invisible, so on-start resolves it once and
# records it. The system CLI first, then the notebook's conda environments, as AWS's auto-stop sample finds
# its Python (aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples, auto-stop-idle).
find_aws_cli() {
  local candidate
  for candidate in /usr/local/bin/aws /usr/bin/aws /bin/aws \
    /home/ec2-user/anaconda3/bin/aws /home/ec2-user/anaconda3/envs/JupyterSystemEnv/bin/aws; do
    if [[ -x "$root$candidate" ]]; then
      printf '%s\n' "$root$candidate"
      return 0
    fi
  done
  return 1
}

# aws_cli: the CLI recorded by on-start; logs an error and fails when there is none.
aws_cli() {
  if [[ -z "${SECURE_ML_AWS_CLI:-}" || ! -x "$SECURE_ML_AWS_CLI" ]]; then
    log "ERROR: no AWS CLI recorded in $settings_file (SECURE_ML_AWS_CLI='${SECURE_ML_AWS_CLI:-}'): cannot call AWS"
    return 127
  fi
  "$SECURE_ML_AWS_CLI" "$@"
}
