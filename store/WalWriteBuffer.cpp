#include "store/WalWriteBuffer.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace civicdesk::store {
namespace {

constexpr const char* kVfsName = "civicdesk-wal-buffer";
// The most the unix VFS writes in one call: its seekAndWriteFd() masks the length with 0x1ffff
// (SQLite's own writes are at most a 64 KiB page), so a longer write would be cut short and
// reported as SQLITE_FULL. 31 frames of a 4 KiB page: a group commit of 75 pages is 3 writes.
constexpr int kBufferBytes = 0x1ffff;
// A file-control opcode of our own (SQLite passes unknown ones to the VFS): asks a database
// file for its WAL counters. Far above SQLite's own opcodes (1..41 in 3.40).
constexpr int kStatsOpcode = 0x43440001;

// Laid out in the memory SQLite allocates for a file (szOsFile bytes): this struct, then the
// underlying VFS's own file object. Plain members only: SQLite allocates and frees the memory,
// never a constructor or destructor.
struct BufferedFile {
  sqlite3_file base;  // first: SQLite sees a sqlite3_file*
  sqlite3_file* real;
  bool isWal;
  BufferedFile* wal;       // on a database file: its open WAL file, if any
  BufferedFile* database;  // on a WAL file: its database file (which keeps the counters)
  char* bytes;             // the buffer (WAL only; allocated on the first write)
  int used;
  sqlite3_int64 offset;       // where bytes[0] goes in the file
  int deferredError;          // a write-out that failed where no error could be returned
  WalWriteBufferStats stats;  // on a database file: what its WAL's writes became
};

constexpr std::size_t realFileOffset() {
  constexpr std::size_t align = alignof(std::max_align_t);
  return (sizeof(BufferedFile) + align - 1) / align * align;
}

BufferedFile* self(sqlite3_file* file) {
  return reinterpret_cast<BufferedFile*>(file);
}

const sqlite3_io_methods* realMethods(BufferedFile* f) {
  return f->real->pMethods;
}

// A WAL's counters, on its database file where walWriteBufferStats() reads them. (SQLite
// closes a WAL before its database file; a WAL left without one counts nowhere.)
void count(BufferedFile* wal, std::uint64_t WalWriteBufferStats::*counter) {
  if (wal->database != nullptr) ++(wal->database->stats.*counter);
}

// Writes the buffer to the file. Everything else in this file calls it before doing anything
// that could observe the file's contents.
int writeOut(BufferedFile* f) {
  if (f->used == 0) return SQLITE_OK;
  const int used = f->used;
  f->used = 0;
  count(f, &WalWriteBufferStats::fileWrites);
  return realMethods(f)->xWrite(f->real, f->bytes, used, f->offset);
}

// writeOut, plus an error remembered from an earlier write-out that could not report it.
int settle(BufferedFile* f) {
  const int rc = writeOut(f);
  if (rc != SQLITE_OK) return rc;
  const int deferred = f->deferredError;
  f->deferredError = SQLITE_OK;
  return deferred;
}

// Before an operation that could observe a WAL file's contents; nothing to do for other files.
int settleWal(BufferedFile* f) {
  return f->isWal ? settle(f) : SQLITE_OK;
}

// Before the database file's WAL index is touched: what it will point at must be in the file.
void writeOutWalOf(BufferedFile* database) {
  BufferedFile* wal = database->wal;
  if (wal == nullptr) return;
  const int rc = writeOut(wal);
  if (rc != SQLITE_OK && wal->deferredError == SQLITE_OK) wal->deferredError = rc;
}

int fileClose(sqlite3_file* file) {
  BufferedFile* f = self(file);
  int rc = SQLITE_OK;
  if (f->isWal) {
    rc = settle(f);
    if (f->database != nullptr) f->database->wal = nullptr;
  } else if (f->wal != nullptr) {
    f->wal->database = nullptr;
  }
  const int closed = realMethods(f)->xClose(f->real);
  sqlite3_free(f->bytes);
  f->bytes = nullptr;
  return rc != SQLITE_OK ? rc : closed;
}

int fileRead(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  BufferedFile* f = self(file);
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xRead(f->real, out, amount, offset);
}

int fileWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  BufferedFile* f = self(file);
  if (!f->isWal) return realMethods(f)->xWrite(f->real, data, amount, offset);
  count(f, &WalWriteBufferStats::writesAsked);
  if (f->used > 0 && offset == f->offset + f->used && amount <= kBufferBytes - f->used) {
    std::memcpy(f->bytes + f->used, data, static_cast<std::size_t>(amount));
    f->used += amount;
    return SQLITE_OK;
  }
  // Not an append to the buffer (or it is full): what is buffered goes first, in order.
  const int rc = settle(f);
  if (rc != SQLITE_OK) return rc;
  if (f->bytes == nullptr) f->bytes = static_cast<char*>(sqlite3_malloc(kBufferBytes));
  if (f->bytes == nullptr || amount > kBufferBytes) {
    count(f, &WalWriteBufferStats::fileWrites);
    return realMethods(f)->xWrite(f->real, data, amount, offset);
  }
  std::memcpy(f->bytes, data, static_cast<std::size_t>(amount));
  f->used = amount;
  f->offset = offset;
  return SQLITE_OK;
}

int fileTruncate(sqlite3_file* file, sqlite3_int64 size) {
  BufferedFile* f = self(file);
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xTruncate(f->real, size);
}

int fileSync(sqlite3_file* file, int flags) {
  BufferedFile* f = self(file);
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xSync(f->real, flags);
}

int fileSize(sqlite3_file* file, sqlite3_int64* size) {
  BufferedFile* f = self(file);
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xFileSize(f->real, size);
}

int fileLock(sqlite3_file* file, int level) {
  return realMethods(self(file))->xLock(self(file)->real, level);
}

int fileUnlock(sqlite3_file* file, int level) {
  return realMethods(self(file))->xUnlock(self(file)->real, level);
}

int fileCheckReservedLock(sqlite3_file* file, int* reserved) {
  return realMethods(self(file))->xCheckReservedLock(self(file)->real, reserved);
}

int fileControl(sqlite3_file* file, int op, void* arg) {
  BufferedFile* f = self(file);
  if (op == kStatsOpcode) {
    if (f->isWal) return SQLITE_NOTFOUND;
    *static_cast<WalWriteBufferStats*>(arg) = f->stats;
    return SQLITE_OK;
  }
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xFileControl(f->real, op, arg);
}

int fileSectorSize(sqlite3_file* file) {
  return realMethods(self(file))->xSectorSize(self(file)->real);
}

int fileDeviceCharacteristics(sqlite3_file* file) {
  return realMethods(self(file))->xDeviceCharacteristics(self(file)->real);
}

int fileShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  BufferedFile* f = self(file);
  if (realMethods(f)->iVersion < 2) return SQLITE_IOERR_SHMMAP;
  return realMethods(f)->xShmMap(f->real, region, size, extend, out);
}

int fileShmLock(sqlite3_file* file, int offset, int n, int flags) {
  BufferedFile* f = self(file);
  if (realMethods(f)->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
  writeOutWalOf(f);
  return realMethods(f)->xShmLock(f->real, offset, n, flags);
}

void fileShmBarrier(sqlite3_file* file) {
  BufferedFile* f = self(file);
  if (realMethods(f)->iVersion < 2) return;
  // SQLite calls this between writing a new WAL-index header and publishing it.
  writeOutWalOf(f);
  realMethods(f)->xShmBarrier(f->real);
}

int fileShmUnmap(sqlite3_file* file, int deleteFlag) {
  BufferedFile* f = self(file);
  if (realMethods(f)->iVersion < 2) return SQLITE_OK;
  return realMethods(f)->xShmUnmap(f->real, deleteFlag);
}

int fileFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  BufferedFile* f = self(file);
  *out = nullptr;
  if (realMethods(f)->iVersion < 3) return SQLITE_OK;  // "no mapping": SQLite reads instead
  if (const int rc = settleWal(f); rc != SQLITE_OK) return rc;
  return realMethods(f)->xFetch(f->real, offset, amount, out);
}

int fileUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* mapped) {
  BufferedFile* f = self(file);
  if (realMethods(f)->iVersion < 3) return SQLITE_OK;
  return realMethods(f)->xUnfetch(f->real, offset, mapped);
}

constexpr sqlite3_io_methods kMethods = {
    3,
    fileClose,
    fileRead,
    fileWrite,
    fileTruncate,
    fileSync,
    fileSize,
    fileLock,
    fileUnlock,
    fileCheckReservedLock,
    fileControl,
    fileSectorSize,
    fileDeviceCharacteristics,
    fileShmMap,
    fileShmLock,
    fileShmBarrier,
    fileShmUnmap,
    fileFetch,
    fileUnfetch,
};

// The VFS methods other than xOpen only forward to the underlying VFS, with it as argument.
sqlite3_vfs* realVfs(sqlite3_vfs* vfs) {
  return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

int vfsOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
  auto* f = new (file) BufferedFile{};  // trivially destructible: SQLite just frees it
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + realFileOffset());
  sqlite3_vfs* real = realVfs(vfs);
  const int rc = real->xOpen(real, name, f->real, flags, outFlags);
  if (rc != SQLITE_OK) {
    // SQLite closes a file whose pMethods is set even when the open failed; ours stays null,
    // so the underlying one is closed here.
    if (f->real->pMethods != nullptr) f->real->pMethods->xClose(f->real);
    return rc;
  }
  f->base.pMethods = &kMethods;
  if ((flags & SQLITE_OPEN_WAL) != 0) {
    // Buffered only when linked to its database file, whose shared-memory calls write the
    // buffer out before frames are published. (SQLite opens a WAL through its database's VFS,
    // so the link is always there; without it the file is passed straight through.)
    auto* database = reinterpret_cast<BufferedFile*>(sqlite3_database_file_object(name));
    if (database != nullptr && database->base.pMethods == &kMethods) {
      f->isWal = true;
      database->wal = f;
      f->database = database;
    }
  }
  return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs* vfs, const char* name, int syncDir) {
  return realVfs(vfs)->xDelete(realVfs(vfs), name, syncDir);
}
int vfsAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return realVfs(vfs)->xAccess(realVfs(vfs), name, flags, out);
}
int vfsFullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return realVfs(vfs)->xFullPathname(realVfs(vfs), name, size, out);
}
void* vfsDlOpen(sqlite3_vfs* vfs, const char* name) {
  return realVfs(vfs)->xDlOpen(realVfs(vfs), name);
}
void vfsDlError(sqlite3_vfs* vfs, int size, char* out) {
  realVfs(vfs)->xDlError(realVfs(vfs), size, out);
}
void (*vfsDlSym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return realVfs(vfs)->xDlSym(realVfs(vfs), handle, symbol);
}
void vfsDlClose(sqlite3_vfs* vfs, void* handle) {
  realVfs(vfs)->xDlClose(realVfs(vfs), handle);
}
int vfsRandomness(sqlite3_vfs* vfs, int size, char* out) {
  return realVfs(vfs)->xRandomness(realVfs(vfs), size, out);
}
int vfsSleep(sqlite3_vfs* vfs, int microseconds) {
  return realVfs(vfs)->xSleep(realVfs(vfs), microseconds);
}
int vfsCurrentTime(sqlite3_vfs* vfs, double* out) {
  return realVfs(vfs)->xCurrentTime(realVfs(vfs), out);
}
int vfsGetLastError(sqlite3_vfs* vfs, int size, char* out) {
  return realVfs(vfs)->xGetLastError(realVfs(vfs), size, out);
}
int vfsCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return realVfs(vfs)->xCurrentTimeInt64(realVfs(vfs), out);
}

const char* registerVfs() {
  sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
  if (real == nullptr) throw std::runtime_error("SQLite has no default VFS");
  // SQLite keeps a pointer to the registered struct for the life of the process, so it lives
  // in static storage; it is filled once here and never changed after registration.
  static sqlite3_vfs vfs{};
  vfs.iVersion = real->iVersion < 2 ? real->iVersion : 2;
  vfs.szOsFile = static_cast<int>(realFileOffset()) + real->szOsFile;
  vfs.mxPathname = real->mxPathname;
  vfs.zName = kVfsName;
  vfs.pAppData = real;
  vfs.xOpen = vfsOpen;
  vfs.xDelete = vfsDelete;
  vfs.xAccess = vfsAccess;
  vfs.xFullPathname = vfsFullPathname;
  vfs.xDlOpen = vfsDlOpen;
  vfs.xDlError = vfsDlError;
  vfs.xDlSym = vfsDlSym;
  vfs.xDlClose = vfsDlClose;
  vfs.xRandomness = vfsRandomness;
  vfs.xSleep = vfsSleep;
  vfs.xCurrentTime = vfsCurrentTime;
  vfs.xGetLastError = vfsGetLastError;
  if (vfs.iVersion >= 2) vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
  const int rc = sqlite3_vfs_register(&vfs, 0);
  if (rc != SQLITE_OK) {
    throw std::runtime_error(std::string("cannot register the WAL write buffer VFS: ") +
                             sqlite3_errstr(rc));
  }
  return kVfsName;
}

}  // namespace

const char* walWriteBufferVfs() {
  static const char* const name = registerVfs();
  return name;
}

WalWriteBufferStats walWriteBufferStats(sqlite3* connection) {
  WalWriteBufferStats stats;
  if (sqlite3_file_control(connection, "main", kStatsOpcode, &stats) != SQLITE_OK) return {};
  return stats;
}

}  // namespace civicdesk::store
