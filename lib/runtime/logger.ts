import pino from "pino";
import { getConfig } from "@/lib/config";

/**
 * Personal and secret field names, censored wherever they appear at the top level or one or two
 * objects deep: callers pass ids and codes, this is the second guard when one forgets.
 */
const personalFields = [
  "name", "idName", "legalName", "contactName", "accountName", "account_name", "id_card_name", "id_doc_name", "nickname",
  "idNumber", "id_number", "idCardNumber", "id_card_number", "id_doc_number", "sealedNumber",
  "mobile", "mobilePhone", "mobile_phone", "phone", "email", "contactEmail", "contact_email", "perEmail",
  "accountNumber", "account_number", "bankAccount", "destination_account_number", "destination_account_name", "cardNumber",
  "address", "id_card_address", "id_doc_address", "perAddress",
  "openid", "subOpenid", "sub_openid",
  "secret", "appSecret", "appsecret", "totpSecret", "clientSecret", "client_secret",
  "token", "accessToken", "access_token", "refreshToken", "authorization", "apiKey", "password", "passwordHash",
];

export const redactPaths = personalFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

function pinoOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: null,
    messageKey: "event",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactPaths, censor: "[redacted]" },
  };
}

function createPino(): pino.Logger {
  let level: string = "info";
  try {
    level = getConfig().logLevel;
  } catch {
    // Configuration errors are reported by boot; logging still works.
  }
  return pino(
    pinoOptions(level),
    // Warnings and errors to stderr, the rest to stdout, as before pino.
    pino.multistream(
      [
        { level: "debug", stream: process.stdout },
        { level: "warn", stream: process.stderr },
      ],
      { dedupe: true },
    ),
  );
}

type Fields = Record<string, unknown>;

export type Logger = {
  debug: (event: string, fields?: Fields) => void;
  info: (event: string, fields?: Fields) => void;
  warn: (event: string, fields?: Fields) => void;
  error: (event: string, fields?: Fields) => void;
  /** A logger that adds `bindings` to every line. */
  child: (bindings: Fields) => Logger;
};

function wrap(get: () => pino.Logger): Logger {
  return {
    debug: (event, fields) => get().debug(fields ?? {}, event),
    info: (event, fields) => get().info(fields ?? {}, event),
    warn: (event, fields) => get().warn(fields ?? {}, event),
    error: (event, fields) => get().error(fields ?? {}, event),
    child: (bindings) => {
      let child: pino.Logger | undefined;
      return wrap(() => (child ??= get().child(bindings)));
    },
  };
}

const globalForLogger = globalThis as unknown as { __pino?: pino.Logger };

/** Structured one-line JSON logs ({time, level, event, …fields}). Callers pass ids and codes, never personal data. */
export const logger: Logger = wrap(() => (globalForLogger.__pino ??= createPino()));

/** A logger writing to `stream` (tests read what would be written). */
export function loggerTo(stream: pino.DestinationStream, level = "debug"): Logger {
  const instance = pino(pinoOptions(level), stream);
  return wrap(() => instance);
}
