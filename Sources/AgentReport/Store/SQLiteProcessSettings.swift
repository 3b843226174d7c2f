import CSQLiteConfig

/// SQLite settings that hold for the whole process, applied once at its start.
public enum SQLiteProcessSettings {
    /// Applies them; call before any database is opened, while the process has one
    /// thread. Returns whether they took effect (false when SQLite was already in use).
    ///
    /// Memory statistics off: SQLite counts every allocation under one process-wide mutex
    /// when they are on (the default), and the render's two connections, reading on two
    /// threads, spent more time waiting on that mutex than in the kernel otherwise. Nothing
    /// in agentreport reads the statistics (`sqlite3_memory_used`).
    @discardableResult
    public static func apply() -> Bool {
        agentreport_sqlite_disable_memory_statistics() == 0
    }
}
