import Foundation
import GRDB

/// Applies one evaluation's findings to the `alerts` table (DESIGN §6):
///
/// - a finding with no open alert of its fingerprint opens one (`alert_id` =
///   `<fingerprint>@<opened time>`, so a condition that comes back is a new alert);
/// - a finding whose alert is open updates it (message, evidence, severity, `last_seen_at`)
///   and leaves acknowledgement alone;
/// - an open alert of an agentreport rule with no finding is resolved (`resolved_by =
///   'agentreport'`). Alerts from metric lines (`metric:…`) are never resolved here;
/// - every unresolved alert gets `silenced_until` from the config's silences.
public struct AlertLifecycle {
    /// The run's "now", epoch seconds.
    public let now: Int64
    /// The config's silences.
    public let silences: AlertSilences

    /// A lifecycle for one run.
    public init(now: Int64, silences: AlertSilences) {
        self.now = now
        self.silences = silences
    }

    /// Counts of one application.
    public struct Outcome: Sendable, Equatable {
        /// Alerts opened.
        public var opened = 0
        /// Open alerts whose condition still holds.
        public var updated = 0
        /// Alerts resolved because their condition ended.
        public var resolved = 0
    }

    /// Applies `findings`; call inside a transaction.
    public func apply(_ findings: [AlertFinding], in db: Database) throws -> Outcome {
        var outcome = Outcome()
        let stamp = UTCTime.format(now)
        var open: [String: Int64] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT id, fingerprint FROM alerts WHERE resolved = 0 AND fingerprint IS NOT NULL")
        {
            let fingerprint: String = row["fingerprint"]
            if AlertRule.owning(fingerprint: fingerprint) != nil { open[fingerprint] = row["id"] }
        }
        var seen: Set<String> = []
        for finding in findings where seen.insert(finding.fingerprint).inserted {
            if let id = open[finding.fingerprint] {
                try db.execute(
                    sql: """
                        UPDATE alerts SET severity = ?, title = ?, message = ?, evidence = ?, last_seen_at = ?,
                          condition_since = COALESCE(?, condition_since) WHERE id = ?
                        """,
                    arguments: .redacted([
                        finding.severity.rawValue, finding.title, finding.message, finding.evidence, stamp,
                        finding.since.map(UTCTime.format), id,
                    ]))
                outcome.updated += 1
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO alerts (alert_id, type, severity, title, message, source, metadata, fingerprint,
                                            evidence, last_seen_at, created_at, condition_since)
                        VALUES (?, ?, ?, ?, ?, 'agentreport', ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: .redacted([
                        try alertId(for: finding.fingerprint, in: db), finding.rule.type, finding.severity.rawValue,
                        finding.title, finding.message,
                        JSONSupport.encode(["rule": finding.rule.rawValue, "subject": finding.subject]),
                        finding.fingerprint, finding.evidence, stamp, stamp, UTCTime.format(finding.since ?? now),
                    ]))
                outcome.opened += 1
            }
        }
        for (fingerprint, id) in open.sorted(by: { $0.key < $1.key }) where !seen.contains(fingerprint) {
            try db.execute(
                sql: "UPDATE alerts SET resolved = 1, resolved_at = ?, resolved_by = 'agentreport' WHERE id = ?",
                arguments: .redacted([stamp, id]))
            outcome.resolved += 1
        }
        try applySilences(in: db)
        return outcome
    }

    /// Settles the alerts collectors reported (`kind: alert` lines, fingerprint `metric:…`):
    /// every occurrence of an alert is resolved by a later `"resolved": true` line of the
    /// same alert (at that line's time, by `collector`), and an alert not seen again for
    /// `expiryHours` expires (resolved at its last occurrence plus the expiry, by `expired`).
    /// Only lines up to "now" count. Returns how many occurrences were resolved.
    public func settleCollectorAlerts(expiryHours: Double, in db: Database) throws -> Int {
        let stamp = UTCTime.format(now)
        let expiry = Int64(expiryHours * 3_600)
        var resolutions: [String: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT fingerprint, MAX(created_at) FROM alerts
                WHERE fingerprint >= 'metric:' AND fingerprint < 'metric;' AND resolved = 1 AND resolved_by = 'collector'
                  AND resolved_at = created_at AND created_at <= ?
                GROUP BY fingerprint
                """, arguments: [stamp])
        {
            if let fingerprint: String = row[0], let time: String = row[1] { resolutions[fingerprint] = time }
        }
        var open: [String: [(id: Int64, created: String)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT id, fingerprint, created_at FROM alerts
                WHERE fingerprint >= 'metric:' AND fingerprint < 'metric;' AND resolved = 0 AND created_at <= ?
                ORDER BY fingerprint, created_at, id
                """, arguments: [stamp])
        {
            open[row[1], default: []].append((row[0], row[2] ?? ""))
        }
        var resolved = 0
        let update = try db.makeStatement(
            sql: "UPDATE alerts SET resolved = 1, resolved_at = ?, resolved_by = ? WHERE id = ?")
        for fingerprint in open.keys.sorted() {
            var rows = open[fingerprint] ?? []
            if let line = resolutions[fingerprint] {
                for row in rows where row.created <= line {
                    try update.execute(arguments: .redacted([line, "collector", row.id]))
                    resolved += 1
                }
                rows.removeAll { $0.created <= line }
            }
            guard let last = rows.map(\.created).max(), let lastTime = UTCTime.parse(last), now - lastTime > expiry
            else {
                continue
            }
            for row in rows {
                try update.execute(arguments: .redacted([UTCTime.format(lastTime + expiry), "expired", row.id]))
                resolved += 1
            }
        }
        return resolved
    }

    /// Sets `silenced_until` on every unresolved alert from the config's silences.
    public func applySilences(in db: Database) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, alert_id, fingerprint, silenced_until FROM alerts WHERE resolved = 0")
        for row in rows {
            let key: String = row["fingerprint"] ?? row["alert_id"]
            let until = silences.silencedUntil(key, now: now).map(UTCTime.format)
            if until != row["silenced_until"] {
                try db.execute(
                    sql: "UPDATE alerts SET silenced_until = ? WHERE id = ?",
                    arguments: .redacted([until, row["id"] as Int64]))
            }
        }
    }
}

private extension AlertLifecycle {
    /// `<fingerprint>@<YYYYMMDDTHHMMSSZ>`; a long fingerprint is shortened with a hash of
    /// itself so the id fits the seed's VARCHAR(50); a clash gets `-2`, `-3`, ….
    func alertId(for fingerprint: String, in db: Database) throws -> String {
        let iso = UTCTime.formatISO(now).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        var key = fingerprint
        if key.count > 32 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in fingerprint.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            key = String(fingerprint.prefix(23)) + "~" + String(String(hash, radix: 16).suffix(8))
        }
        let base = key + "@" + iso
        var candidate = base
        var n = 1
        while try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM alerts WHERE alert_id = ?)", arguments: .redacted([candidate]))
            == true
        {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }
}
