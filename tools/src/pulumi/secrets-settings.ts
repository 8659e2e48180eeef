// The secrets settings Pulumi keeps beside the config in Pulumi.<stack>.yaml ("Pulumi stack settings file
// reference", https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/): `encryptionsalt` for the
// passphrase provider; `secretsprovider` and `encryptedkey` for a cloud provider such as awskms://. Without
// them the CLI starts a new passphrase secrets manager instead of the stack's own (unless
// PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER is set): a KMS-only team fails, or its secrets are re-encrypted.
import yaml from 'js-yaml';

export const SECRETS_SETTINGS_HELP =
  "Pulumi writes the secrets settings into that file when it creates the stack, and reads the stack's secrets with them; they hold no secret (a salt, or a data key only KMS can decrypt) and must be committed (https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/).";

const KEYS = ['secretsprovider', 'encryptedkey', 'encryptionsalt'] as const;

export interface SecretsSettings {
  readonly provider: 'passphrase' | 'cloud';
  readonly complete: boolean;
  /** The secrets settings present in the file. */
  readonly keys: readonly string[];
  /** What is missing, when not complete. */
  readonly problem?: string;
}

/**
 * The secrets settings of a stack settings file's text. `secretsprovider` absent, `passphrase` or `default` means
 * the passphrase provider on a self-managed backend (the CLI's own rule in pkg/cmd/pulumi/stack/secrets.go,
 * GetSecretsManager), which needs `encryptionsalt`; any other value is a cloud provider, which needs
 * `encryptedkey`.
 */
export function secretsSettingsOf(text: string): SecretsSettings {
  const loaded = text ? yaml.load(text) : undefined;
  const doc = (typeof loaded === 'object' && loaded !== null ? loaded : {}) as Record<string, unknown>;
  const provider = typeof doc['secretsprovider'] === 'string' ? doc['secretsprovider'] : '';
  const keys = KEYS.filter((k) => Boolean(doc[k]));
  if (provider && provider !== 'passphrase' && provider !== 'default') {
    return doc['encryptedkey']
      ? { provider: 'cloud', complete: true, keys }
      : {
          provider: 'cloud',
          complete: false,
          keys,
          problem: `has secretsprovider ${provider} but no encryptedkey`,
        };
  }
  return doc['encryptionsalt']
    ? { provider: 'passphrase', complete: true, keys }
    : {
        provider: 'passphrase',
        complete: false,
        keys,
        problem: 'has no secrets settings (encryptionsalt, or secretsprovider and encryptedkey)',
      };
}
