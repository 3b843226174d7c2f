#ifndef AGENTREPORT_CSQLITECONFIG_H
#define AGENTREPORT_CSQLITECONFIG_H

/// Turns off SQLite's memory statistics for the whole process:
/// `sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`, which Swift cannot call (a C variadic
/// function). With them on, every SQLite allocation and free takes one process-wide mutex,
/// which two connections read on two threads fight over. Call it before SQLite is first
/// used (it is not thread-safe); returns `SQLITE_OK` (0), or `SQLITE_MISUSE` (21) when
/// SQLite is already initialized, and then nothing changed. See
/// https://sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus
int agentreport_sqlite_disable_memory_statistics(void);

#endif
