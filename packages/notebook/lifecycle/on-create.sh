#!/bin/bash
# On-create hook: SageMaker runs it as root once, when the instance is created, before the first on-start.
# It writes a short guide to the persistent volume, the one place notebook users look first.
set -euo pipefail
component=on-create
payload="${SECURE_ML_PAYLOAD:?SECURE_ML_PAYLOAD is unset: run the hook the notebook layer generates}"
# shellcheck source=lib/common.sh source-path=SCRIPTDIR
source "$payload/common.sh"

write_file "$root/home/ec2-user/SageMaker/SECURE-ML.md" 0644 <<GUIDE
# This notebook instance

- It has no internet access. AWS APIs work through VPC endpoints; packages come only from the private
  mirror your platform team configured, if any (see /etc/pip.conf).
- Keep data in s3://$SECURE_ML_DATA_BUCKET/$SECURE_ML_DATA_PREFIX: this notebook may read and write only
  there, and read s3://$SECURE_ML_DATA_BUCKET/shared/. The bucket is encrypted with $SECURE_ML_DATA_KEY_ARN and
  admits requests only from inside this VPC. Terminals get SECURE_ML_DATA_BUCKET and SECURE_ML_DATA_PREFIX
  from /etc/secure-ml/notebook.env; pass the prefix to the SageMaker Python SDK (key_prefix).
- It stops itself after $SECURE_ML_IDLE_MINUTES minutes without kernel or terminal activity. Only this
  folder survives a stop.
GUIDE
log "on-create complete"
