#!/bin/bash
# Sourced (never run) by the lifecycle hooks and by the scripts they install.
# SECURE_ML_ROOT prefixes every absolute path: empty on the instance, a temporary directory in the tests.
# shellcheck disable=SC2034 # variables are read by the scripts that source this file
root="${SECURE_ML_ROOT:-}"
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
