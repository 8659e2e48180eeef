#!/bin/bash
# On-start hook of the notebook instance. SageMaker runs it as root on every start, with a 5-minute limit.
set -euo pipefail

echo "secure-ml: on-start hook ran at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
