#pragma once
// A thin SQLite VFS over the platform's own ("unix") that gathers the writes to a WAL file into
// one buffer and hands them to the file as one write.
//
// Why: SQLite appends each WAL frame with two pwrite() calls (the 24-byte frame header, then the
// page), so a group commit of 15 messages that touches 75 pages costs 150 system calls before
// its fsync. On this virtualised machine a system call is expensive (PERF-NOTES.md; the profile
// in bench/RESULTS.md): they were the largest single cost of the store's writer. Gathered, the
// same commit is one pwrite() and one fdatasync().
//
// Nothing about durability or visibility changes, because the buffer is always written out
// before anything could depend on it:
// - before the WAL file is synced (so a commit's fsync covers every frame of it),
// - before any read, truncate, size query or file control on the WAL file,
// - before the connection touches the WAL index in shared memory (a lock or a memory barrier
//   on the database file), which is how SQLite publishes new frames to other connections.
//   With synchronous=FULL (Store.cpp) the sync comes first anyway: a commit is on disk before
//   it is published.
// - before the WAL file is closed.
// A write that is not an append to what is buffered (SQLite rewriting a frame of the same
// transaction) first writes out the buffer, so the file sees the writes in their order.
//
// A failed write-out is reported by the operation that caused it (a sync, a read...), which
// SQLite treats as an I/O error of that step: the transaction does not commit. Only the WAL
// file is buffered; the database file, journals and temporary files pass straight through.
#include <cstdint>

struct sqlite3;

namespace civicdesk::store {

// Registers the VFS with SQLite (once per process; it stays registered, not as the default)
// and returns its name, to pass to sqlite3_open_v2.
const char* walWriteBufferVfs();

// What one connection's WAL writes became (tests and benchmarks). Zero for a connection not
// opened through the VFS.
struct WalWriteBufferStats {
  std::uint64_t writesAsked = 0;  // writes SQLite asked of the WAL file (two per frame)
  std::uint64_t fileWrites = 0;   // writes that reached the file
};
WalWriteBufferStats walWriteBufferStats(sqlite3* connection);

}  // namespace civicdesk::store
