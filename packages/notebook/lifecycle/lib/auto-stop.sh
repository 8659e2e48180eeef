#!/bin/bash
# Stops this notebook instance once it has been idle for SECURE_ML_IDLE_MINUTES: no kernel busy, and no kernel
# or terminal activity since then (an open browser tab alone does not count). It asks only the local Jupyter
# API and SageMaker's API through the VPC endpoint; it downloads nothing. A systemd timer (or cron) runs it.
set -euo pipefail
component=auto-stop
# shellcheck source=common.sh source-path=SCRIPTDIR
source "${BASH_SOURCE[0]%/*}/common.sh"
# shellcheck source=/dev/null
source "$settings_file"

jupyter="${SECURE_ML_JUPYTER_URL:-https://localhost:8443}"
case "$jupyter" in
  https://localhost:* | https://127.0.0.1:* | http://localhost:* | http://127.0.0.1:*) ;;
  *) log "refusing to query $jupyter: the Jupyter API must be on loopback"; exit 2 ;;
esac
stop_marker="$state_dir/stop-requested"
if [[ -f "$stop_marker" ]]; then exit 0; fi

# --insecure: the local Jupyter server's certificate is self-signed, and the URL is loopback (checked above).
# no_track_activity: our own polling must not count as user activity.
api() { curl --silent --show-error --fail --insecure --max-time 10 "$jupyter/api/$1?no_track_activity=1"; }
if ! status="$(api status)" || ! kernels="$(api kernels)" || ! terminals="$(api terminals)"; then
  log "the Jupyter API at $jupyter did not answer; not stopping"
  exit 1
fi
if grep -qE '"execution_state" *: *"(busy|starting)"' <<<"$kernels"; then
  log "a kernel is busy; the instance is not idle"
  exit 0
fi

# The latest of: when Jupyter started, and the last activity of every kernel and terminal.
latest=0
stamps="$({
  grep -oE '"started" *: *"[^"]+"' <<<"$status" || true
  grep -oE '"last_activity" *: *"[^"]+"' <<<"$kernels$terminals" || true
} | sed -E 's/.*"([^"]+)"$/\1/')"
while read -r stamp; do
  [[ -n "$stamp" ]] || continue
  seconds="$(date -u -d "$stamp" +%s)"
  if ((seconds > latest)); then latest="$seconds"; fi
done <<<"$stamps"
if ((latest == 0)); then
  log "the Jupyter API gave no start or activity time; not stopping"
  exit 1
fi

idle_minutes=$((($(date -u +%s) - latest) / 60))
if ((idle_minutes < SECURE_ML_IDLE_MINUTES)); then
  log "idle for ${idle_minutes} of ${SECURE_ML_IDLE_MINUTES} minutes"
  exit 0
fi
log "idle for ${idle_minutes} minutes (limit ${SECURE_ML_IDLE_MINUTES}): stopping ${SECURE_ML_NOTEBOOK_NAME}"
aws_cli sagemaker stop-notebook-instance --region "$SECURE_ML_REGION" --notebook-instance-name "$SECURE_ML_NOTEBOOK_NAME"
mkdir -p "$state_dir"
touch "$stop_marker"
