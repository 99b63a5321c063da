import { z } from "zod";
import { readConfigFile, writeConfigFile, type ConfigFileSystem } from "../config/config-file.js";
import { UsageError } from "../errors.js";
import { openSecret, sealSecret } from "./seal.js";

// app.json in the config folder (mode 0600): the GitHub App nectr runs as. Its private key and
// webhook secret are sealed with NECTR_SECRET_KEY's key, like every other secret at rest.

const appFileSchema = z.strictObject({
  appId: z.number().int().positive(),
  slug: z.string().min(1),
  sealedPrivateKey: z.string().min(1),
  sealedWebhookSecret: z.string().min(1).optional(),
});

export interface AppCredentials {
  appId: number;
  slug: string;
  privateKey: string;
  webhookSecret: string | undefined;
}

export function readAppFile(fs: ConfigFileSystem, file: string, key: Buffer): AppCredentials | undefined {
  const raw = readConfigFile(fs, file);
  if (Object.keys(raw).length === 0) return undefined;
  const result = appFileSchema.safeParse(raw);
  if (!result.success)
    throw new UsageError(`${file} is not in the form nectr writes`, {
      hint: "run nectr app use --app-id ID --private-key FILE again",
    });
  const { appId, slug, sealedPrivateKey, sealedWebhookSecret } = result.data;
  return {
    appId,
    slug,
    privateKey: openSecret(sealedPrivateKey, key),
    webhookSecret: sealedWebhookSecret === undefined ? undefined : openSecret(sealedWebhookSecret, key),
  };
}

export function writeAppFile(fs: ConfigFileSystem, file: string, key: Buffer, app: AppCredentials): void {
  writeConfigFile(fs, file, {
    appId: app.appId,
    slug: app.slug,
    sealedPrivateKey: sealSecret(app.privateKey, key),
    ...(app.webhookSecret !== undefined && { sealedWebhookSecret: sealSecret(app.webhookSecret, key) }),
  });
}

/** The app nectr runs as: NECTR_APP_ID and NECTR_APP_PRIVATE_KEY when set, else app.json. */
export function resolveApp(
  fromEnv: { id: number; privateKey: string } | undefined,
  read: () => AppCredentials | undefined,
): Omit<AppCredentials, "slug"> | undefined {
  return fromEnv ? { appId: fromEnv.id, privateKey: fromEnv.privateKey, webhookSecret: undefined } : read();
}
