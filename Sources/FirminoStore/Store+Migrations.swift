import GRDB

/// The schema, as versioned migrations. A migration, once released, is never edited: changes
/// go into a new one appended below.
enum StoreSchema {
    /// `PRAGMA application_id` of a Firmlink store: "FLNK".
    static let applicationId: Int32 = 0x464C_4E4B

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: store", migrate: createV1)
        migrator.registerMigration("v2: outbox tries begun before sending", migrate: addOutboxAttemptOpen)
        migrator.registerMigration("v3: the seller kept with each document", migrate: addDocumentSeller)
        migrator.registerMigration("v4: BaseLinker's invoices, orders set aside", migrate: addInvoicesAndOrderIssues)
        migrator.registerMigration(
            "v5: products linked to a BaseLinker variant", foreignKeyChecks: .deferred, migrate: linkProductsToVariants)
        migrator.registerMigration("v6: sync runs", migrate: recordHowRunsEnd)
        return migrator
    }

    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = migrator
        try pool.read { db in
            let applicationId = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if applicationId != StoreSchema.applicationId, tableCount > 0 {
                throw StoreError(
                    .notADatabase,
                    "\(path) is an SQLite database but not a Firmlink store; choose another [store] path")
            }
            if try migrator.hasBeenSuperseded(db) {
                throw StoreError(
                    .newerSchema,
                    "the store \(path) was written by a newer Firmlink; upgrade firmlink to open it")
            }
        }
        try migrator.migrate(pool)
        // The reader that checked the schema above knows the tables as they were; a listing
        // through it would miss the columns a migration just added.
        pool.invalidateReadOnlyConnections()
    }

    /// A try counted before sending stays marked until its outcome is recorded.
    private static func addOutboxAttemptOpen(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN attempt_open INTEGER NOT NULL DEFAULT 0 CHECK (attempt_open IN (0, 1))
            """)
    }

    /// The seller as of issue (NULL for documents issued before: printed with the configuration's).
    private static func addDocumentSeller(_ db: Database) throws {
        for column in ["seller_name", "seller_tax_id", "seller_address", "seller_postcode", "seller_city", "seller_country"] {
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN \(column) TEXT")
        }
    }

    /// The invoices BaseLinker holds (so that no order is invoiced twice, whoever invoiced it
    /// first), and the orders a sync could not issue, held, or was told to skip.
    private static func addInvoicesAndOrderIssues(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE baselinker_invoices (
                invoice_id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL,
                number TEXT NOT NULL,
                external_number TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX baselinker_invoices_by_order ON baselinker_invoices (order_id);

            CREATE TABLE order_issues (
                order_id INTEGER PRIMARY KEY,
                state TEXT NOT NULL CHECK (state IN ('failed', 'held', 'skipped', 'retry')),
                reason TEXT NOT NULL,
                kind TEXT,
                since DATETIME NOT NULL,
                last_seen DATETIME NOT NULL,
                tries INTEGER NOT NULL DEFAULT 0
            );
            """)
    }

    /// A BaseLinker product with variants is one store product per variant: the link becomes
    /// the pair (product id, variant id; 0 for a plain product), unique together, so the products
    /// table is made again (SQLite cannot change a constraint in place). The listing fingerprint
    /// is what the products sync compares to tell a changed BaseLinker product.
    private static func linkProductsToVariants(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE products_v5 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                name_normalized TEXT NOT NULL,
                sku TEXT,
                sku_normalized TEXT,
                ean TEXT,
                unit TEXT NOT NULL DEFAULT 'szt',
                vat_rate TEXT NOT NULL,
                price_gross INTEGER NOT NULL DEFAULT 0,
                baselinker_product_id INTEGER,
                baselinker_variant_id INTEGER NOT NULL DEFAULT 0,
                baselinker_fingerprint TEXT,
                revision INTEGER NOT NULL,
                updated_at DATETIME NOT NULL,
                UNIQUE (baselinker_product_id, baselinker_variant_id)
            );
            INSERT INTO products_v5 (id, name, name_normalized, sku, sku_normalized, ean, unit, vat_rate, price_gross,
                                     baselinker_product_id, revision, updated_at)
                SELECT id, name, name_normalized, sku, sku_normalized, ean, unit, vat_rate, price_gross,
                       baselinker_product_id, revision, updated_at
                FROM products;
            DROP TABLE products;
            ALTER TABLE products_v5 RENAME TO products;
            CREATE INDEX products_by_name ON products (name_normalized, id);
            CREATE INDEX products_by_sku ON products (sku_normalized, id);
            CREATE INDEX products_by_ean ON products (ean, id);
            CREATE INDEX products_by_revision ON products (revision);
            """)
    }

    /// How each run ended (`done`, `partial`, `failed`, `stopped`; NULL while it runs or when
    /// it was killed), the error that ended a failed one, and the process that runs it, so that
    /// `firmlink status` can tell a running sync from one that died. Runs finished before are
    /// `partial` when their summary lists failed or held orders, else `done`.
    private static func recordHowRunsEnd(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE runs ADD COLUMN outcome TEXT
                CHECK (outcome IS NULL OR outcome IN ('done', 'partial', 'failed', 'stopped'));
            ALTER TABLE runs ADD COLUMN error TEXT;
            ALTER TABLE runs ADD COLUMN pid INTEGER;
            UPDATE runs SET outcome = CASE
                    WHEN coalesce(json_array_length(summary, '$.orders.failed'), 0)
                         + coalesce(json_array_length(summary, '$.orders.held'), 0) > 0 THEN 'partial'
                    ELSE 'done' END
                WHERE finished_at IS NOT NULL AND summary IS NOT NULL;
            """)
    }

    private static func createV1(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationId)")
        try db.execute(sql: """
            CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
            CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO counters (name, value) VALUES ('product_revision', 0);

            CREATE TABLE warehouses (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
                baselinker_warehouse TEXT UNIQUE
            );
            CREATE UNIQUE INDEX warehouses_single_default ON warehouses (is_default) WHERE is_default = 1;

            CREATE TABLE products (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                name_normalized TEXT NOT NULL,
                sku TEXT,
                sku_normalized TEXT,
                ean TEXT,
                unit TEXT NOT NULL DEFAULT 'szt',
                vat_rate TEXT NOT NULL,
                price_gross INTEGER NOT NULL DEFAULT 0,
                baselinker_product_id INTEGER UNIQUE,
                revision INTEGER NOT NULL,
                updated_at DATETIME NOT NULL
            );
            CREATE INDEX products_by_name ON products (name_normalized, id);
            CREATE INDEX products_by_sku ON products (sku_normalized, id);
            CREATE INDEX products_by_ean ON products (ean, id);
            CREATE INDEX products_by_revision ON products (revision);

            CREATE TABLE contractors (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                name_normalized TEXT NOT NULL,
                tax_id TEXT NOT NULL DEFAULT '',
                tax_id_normalized TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                postcode TEXT NOT NULL DEFAULT '',
                city TEXT NOT NULL DEFAULT '',
                country TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX contractors_by_name ON contractors (name_normalized, id);
            CREATE INDEX contractors_by_tax_id ON contractors (tax_id_normalized, id);

            CREATE TABLE documents (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL CHECK (type IN ('receipt', 'invoice', 'invoice_wdt', 'invoice_export')),
                number TEXT NOT NULL UNIQUE,
                series_period TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                issue_date TEXT NOT NULL,
                sale_date TEXT NOT NULL,
                buyer_name TEXT NOT NULL,
                buyer_tax_id TEXT NOT NULL DEFAULT '',
                buyer_address TEXT NOT NULL DEFAULT '',
                buyer_postcode TEXT NOT NULL DEFAULT '',
                buyer_city TEXT NOT NULL DEFAULT '',
                buyer_country TEXT NOT NULL DEFAULT '',
                contractor_id INTEGER REFERENCES contractors (id),
                currency TEXT NOT NULL,
                total_net INTEGER NOT NULL,
                total_vat INTEGER NOT NULL,
                total_gross INTEGER NOT NULL,
                baselinker_order_id INTEGER UNIQUE,
                baselinker_invoice_id INTEGER,
                sent_at DATETIME,
                created_at DATETIME NOT NULL,
                UNIQUE (type, series_period, sequence)
            );
            CREATE INDEX documents_by_contractor ON documents (contractor_id);

            CREATE TABLE document_lines (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                document_id INTEGER NOT NULL REFERENCES documents (id),
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                sku TEXT,
                quantity INTEGER NOT NULL,
                unit TEXT NOT NULL,
                price_gross INTEGER NOT NULL,
                vat_rate TEXT NOT NULL,
                product_id INTEGER REFERENCES products (id),
                warehouse_id INTEGER REFERENCES warehouses (id),
                UNIQUE (document_id, position)
            );
            CREATE INDEX document_lines_by_product ON document_lines (product_id);

            CREATE TABLE document_vat_totals (
                document_id INTEGER NOT NULL REFERENCES documents (id),
                vat_rate TEXT NOT NULL,
                net INTEGER NOT NULL,
                vat INTEGER NOT NULL,
                gross INTEGER NOT NULL,
                PRIMARY KEY (document_id, vat_rate)
            ) WITHOUT ROWID;

            CREATE TABLE numbering_series (
                type TEXT NOT NULL,
                period TEXT NOT NULL,
                last_number INTEGER NOT NULL,
                PRIMARY KEY (type, period)
            ) WITHOUT ROWID;

            CREATE TABLE stock_movements (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                product_id INTEGER NOT NULL REFERENCES products (id),
                warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
                delta INTEGER NOT NULL,
                reason TEXT NOT NULL,
                document_id INTEGER REFERENCES documents (id),
                note TEXT NOT NULL DEFAULT '',
                created_at DATETIME NOT NULL
            );
            CREATE INDEX stock_movements_by_document ON stock_movements (document_id);
            CREATE TABLE stock_levels (
                product_id INTEGER NOT NULL REFERENCES products (id),
                warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
                quantity INTEGER NOT NULL,
                last_movement_id INTEGER NOT NULL,
                PRIMARY KEY (product_id, warehouse_id)
            ) WITHOUT ROWID;
            CREATE INDEX stock_levels_by_movement ON stock_levels (last_movement_id);
            CREATE TRIGGER stock_movements_update_level AFTER INSERT ON stock_movements BEGIN
                INSERT INTO stock_levels (product_id, warehouse_id, quantity, last_movement_id)
                VALUES (NEW.product_id, NEW.warehouse_id, NEW.delta, NEW.id)
                ON CONFLICT (product_id, warehouse_id) DO UPDATE
                SET quantity = quantity + excluded.quantity, last_movement_id = excluded.last_movement_id;
            END;
            CREATE TRIGGER stock_movements_append_only_update BEFORE UPDATE ON stock_movements BEGIN
                SELECT RAISE(ABORT, 'stock movements cannot be changed; add a correcting movement');
            END;
            CREATE TRIGGER stock_movements_append_only_delete BEFORE DELETE ON stock_movements BEGIN
                SELECT RAISE(ABORT, 'stock movements cannot be deleted; add a correcting movement');
            END;

            CREATE TABLE sync_state (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL,
                updated_at DATETIME NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL CHECK (json_valid(payload)),
                document_id INTEGER REFERENCES documents (id),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at DATETIME NOT NULL,
                done_at DATETIME
            );
            CREATE INDEX outbox_pending ON outbox (id) WHERE done_at IS NULL;
            CREATE INDEX outbox_by_document ON outbox (document_id);

            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at DATETIME NOT NULL,
                finished_at DATETIME,
                summary TEXT CHECK (summary IS NULL OR json_valid(summary))
            );
            """)
    }
}
