import type { Migration } from './migration.ts';

/**
 * The workstation's signing keys (issue #12): the PDF signing identity (an
 * X.509 certificate, self-signed at first use or imported from the service's
 * PKI as PKCS#12, with its chain) and the Ed25519 key that signs a sealed
 * package's manifest. One current key per purpose; a replaced key is retired,
 * never deleted, so that older dossiers stay checkable against its
 * certificate or public key. Retiring wipes the private key: a retired key
 * signs nothing any more. Triggers refuse any other change and any delete.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'signing-keys',
  up(db) {
    db.exec(`
      CREATE TABLE signing_keys (
        id           INTEGER PRIMARY KEY,
        purpose      TEXT NOT NULL CHECK (purpose IN ('pdf', 'manifest')),
        algorithm    TEXT NOT NULL,
        source       TEXT NOT NULL CHECK (source IN ('generated', 'imported')),
        certificate  BLOB,
        chain        TEXT NOT NULL DEFAULT '[]',
        public_key   BLOB NOT NULL,
        private_key  BLOB,
        fingerprint  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        created_by   TEXT REFERENCES analysts(id),
        retired_at   TEXT,
        retired_by   TEXT REFERENCES analysts(id),
        CHECK (purpose = 'manifest' OR certificate IS NOT NULL),
        CHECK (retired_at IS NOT NULL OR private_key IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX signing_keys_current ON signing_keys (purpose) WHERE retired_at IS NULL;
      CREATE TRIGGER signing_keys_kept BEFORE DELETE ON signing_keys
        BEGIN SELECT RAISE(ABORT, 'signing keys are retired, never deleted'); END;
      CREATE TRIGGER signing_keys_retire_only BEFORE UPDATE ON signing_keys
        WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL OR NEW.private_key IS NOT NULL
          OR NEW.id IS NOT OLD.id OR NEW.purpose IS NOT OLD.purpose OR NEW.algorithm IS NOT OLD.algorithm
          OR NEW.source IS NOT OLD.source OR NEW.certificate IS NOT OLD.certificate OR NEW.chain IS NOT OLD.chain
          OR NEW.public_key IS NOT OLD.public_key OR NEW.fingerprint IS NOT OLD.fingerprint
          OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
        BEGIN SELECT RAISE(ABORT, 'a signing key can only be retired (its private key wiped)'); END;
    `);
  },
};
