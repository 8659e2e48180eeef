#!/bin/bash
# Points pip (and conda, when the instance has it) at the configured private package mirror. Without one, it
# writes nothing: the public indexes stay unreachable from the isolated VPC, as intended.
set -euo pipefail
component=mirror
# shellcheck source=common.sh source-path=SCRIPTDIR
source "${BASH_SOURCE[0]%/*}/common.sh"
# shellcheck source=/dev/null
source "$settings_file"

index="${SECURE_ML_PIP_INDEX_URL:-}"
shown="$index"
if [[ -n "${SECURE_ML_CODEARTIFACT_DOMAIN:-}" ]]; then
  # A 12-hour token (the maximum); the timer refreshes it every 6 hours. Any notebook user can mint the same
  # token through the notebook role, so a world-readable pip.conf discloses nothing new.
  token="$(aws_cli codeartifact get-authorization-token --region "$SECURE_ML_REGION" \
    --domain "$SECURE_ML_CODEARTIFACT_DOMAIN" --domain-owner "$SECURE_ML_CODEARTIFACT_OWNER" \
    --duration-seconds 43200 --query authorizationToken --output text)"
  host="$SECURE_ML_CODEARTIFACT_DOMAIN-$SECURE_ML_CODEARTIFACT_OWNER.d.codeartifact.$SECURE_ML_REGION.amazonaws.com"
  index="https://aws:$token@$host/pypi/$SECURE_ML_CODEARTIFACT_REPOSITORY/simple/"
  shown="https://$host/pypi/$SECURE_ML_CODEARTIFACT_REPOSITORY/simple/ (CodeArtifact)"
fi

if [[ -n "$index" ]]; then
  # /etc/pip.conf is read by every pip on the instance, in every conda environment.
  write_file "$root/etc/pip.conf" 0644 <<PIP
[global]
index-url = $index
disable-pip-version-check = true
PIP
  log "pip uses the private index $shown"
else
  log "no pip mirror configured; public indexes stay unreachable"
fi

conda_root="$root/home/ec2-user/anaconda3"
if [[ -n "${SECURE_ML_CONDA_CHANNEL_URL:-}" && -d "$conda_root" ]]; then
  write_file "$root/etc/conda/condarc" 0644 <<CONDA
channels:
  - $SECURE_ML_CONDA_CHANNEL_URL
default_channels:
  - $SECURE_ML_CONDA_CHANNEL_URL
CONDA
  log "conda uses the private channel $SECURE_ML_CONDA_CHANNEL_URL"
fi
