/// Migration v11 (`v11-report`): what the morning page needs that the seed schema lacks.
enum ReportSchema {
    /// `alerts.condition_since`: when the alert's condition began (a task blocked since,
    /// the first of a run of erroring samples, the last activity of a silent agent), which
    /// is earlier than `created_at`, the build that first noticed it. Kept up to date while
    /// the alert is open; NULL for alerts stored before v11 and for collector alerts (their
    /// first occurrence is the start).
    static let sql = """
        ALTER TABLE alerts ADD COLUMN condition_since DATETIME;
        """
}
