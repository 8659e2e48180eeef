import { jobPostureDenies } from '@secure-ml/shared/catalogue';
import type { GuardrailPins, PolicyStatement } from './rules';

/**
 * What anyone under the guardrail may start as a SageMaker job (issue 15): the same six pins, each with its `Null`
 * deny, that each notebook role's job-start policy carries, from the one list both are built from
 * (libs/shared/src/catalogue/job-pins.ts): the environment's private subnets and job security group, the data key
 * on the volume and the output, inter-container traffic encryption on and, unless
 * `secure-ml-guardrail:jobNetworkIsolation` is false, network isolation. On CreateTrainingJob,
 * CreateProcessingJob and CreateHyperParameterTuningJob, which all carry the six keys (Service Authorization
 * Reference, "Actions, resources, and condition keys for Amazon SageMaker AI",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html;
 * test/condition-keys.test.ts reads it for every key of these statements). Where the network layer publishes no
 * job group (jobs off), no job can keep the posture and every job start is denied.
 *
 * In the SCP these denies exempt nobody, the deployment roles included (they start no job): the SCP binds every
 * principal of the account, the notebook roles too, whose compliant jobs get through (IAM-7 checks it). The
 * training jobs a tuning job starts take the tuning job's VPC, keys and flags from its definition, which its own
 * start was pinned to (docs/runbook.md "First deploy: what to confirm" shows how to check one).
 */
export function jobPins(pins: GuardrailPins): PolicyStatement[] {
  return jobPostureDenies({
    subnetIds: pins.subnetIds,
    jobSecurityGroupIds: pins.jobSecurityGroupIds,
    dataKeyArn: pins.dataKeyArn,
    networkIsolation: pins.jobNetworkIsolation,
  }).map((s) => ({ ...s, Action: [...s.Action] }));
}
