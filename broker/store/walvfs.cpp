#include "walvfs.h"

#if defined(LOCALSTASH_HAVE_SQLITE3)

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <type_traits>
#include <vector>

namespace Broker::Sql {

namespace {

constexpr int kFrameHeaderSize = 24;            // a WAL frame's header, written on its own
constexpr size_t kMaxPending = size_t(1) << 18; // written out beyond this, commit or not
// The unix VFS keeps only the low 17 bits of a write's length (seekAndWrite): one write passed
// on is at most 64 KiB, and a longer run goes out in pieces of that size.
constexpr size_t kMaxWrite = size_t(1) << 16;

sqlite3_vfs *s_parent = nullptr;
sqlite3_vfs s_vfs{};
std::atomic<quint64> s_requested{0};
std::atomic<quint64> s_issued{0};

struct File
{
    sqlite3_file base;          // first: SQLite hands us this pointer
    sqlite3_file *real;         // the parent VFS's file, in the same allocation, after this
    std::vector<char> *pending; // WAL files only: appends not yet written
    sqlite3_int64 pendingStart; // file offset of pending's first byte
    sqlite3_int64 written;      // end of what has been passed on since the log last restarted
    bool flushAfterNextWrite;   // the last append was a commit frame's header
};
static_assert(std::is_standard_layout_v<File>);

constexpr size_t kFileSize = (sizeof(File) + 7) & ~size_t(7);

File *self(sqlite3_file *file)
{
    return reinterpret_cast<File *>(file);
}

sqlite3_file *realOf(sqlite3_file *file)
{
    return self(file)->real;
}

int flush(File *f)
{
    if (!f->pending || f->pending->empty())
        return SQLITE_OK;
    int rc = SQLITE_OK;
    for (size_t done = 0; done < f->pending->size() && rc == SQLITE_OK; done += kMaxWrite) {
        const size_t piece = std::min(kMaxWrite, f->pending->size() - done);
        const sqlite3_int64 at = f->pendingStart + sqlite3_int64(done);
        rc = f->real->pMethods->xWrite(f->real, f->pending->data() + done, int(piece), at);
        s_issued.fetch_add(1, std::memory_order_relaxed);
        if (rc == SQLITE_OK)
            f->written = std::max(f->written, at + sqlite3_int64(piece));
    }
    f->pending->clear();
    f->flushAfterNextWrite = false;
    return rc;
}

// Whether a frame header's "database size after commit" field is set: the commit frame.
bool isCommitFrameHeader(const void *data, int amount)
{
    if (amount != kFrameHeaderSize)
        return false;
    const auto *bytes = static_cast<const unsigned char *>(data);
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

int fileWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    File *f = self(file);
    if (!f->pending)
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    s_requested.fetch_add(1, std::memory_order_relaxed);
    const bool appends = f->pending->empty()
                             ? offset >= f->written && offset > 0
                             : offset == f->pendingStart + sqlite3_int64(f->pending->size());
    if (!appends) {
        if (const int rc = flush(f); rc != SQLITE_OK)
            return rc;
        if (offset == 0 || offset < f->written) {
            // The log's header (a restart: the log is written again from its start), or a frame
            // of the open transaction written again: straight to the file, in order.
            s_issued.fetch_add(1, std::memory_order_relaxed);
            const int rc = f->real->pMethods->xWrite(f->real, data, amount, offset);
            if (rc == SQLITE_OK)
                f->written = offset == 0 ? amount : std::max(f->written, offset + amount);
            return rc;
        }
    }
    if (f->pending->empty())
        f->pendingStart = offset;
    const auto *bytes = static_cast<const char *>(data);
    f->pending->insert(f->pending->end(), bytes, bytes + amount);
    if (f->flushAfterNextWrite)
        return flush(f); // the commit frame's page: written before COMMIT can succeed
    if (isCommitFrameHeader(data, amount))
        f->flushAfterNextWrite = true;
    if (f->pending->size() >= kMaxPending)
        return flush(f);
    return SQLITE_OK;
}

int fileClose(sqlite3_file *file)
{
    File *f = self(file);
    const int flushed = flush(f);
    const int closed = f->real->pMethods->xClose(f->real);
    delete f->pending;
    f->pending = nullptr;
    return flushed != SQLITE_OK ? flushed : closed;
}

// The real file's method with the same arguments.
template<auto Method, typename... Args>
auto passedOn(sqlite3_file *file, Args... args)
{
    return (realOf(file)->pMethods->*Method)(realOf(file), args...);
}

// The same once the pending writes are out: SQLite never sees the file without its own writes.
template<auto Method, typename... Args>
int flushedThenPassedOn(sqlite3_file *file, Args... args)
{
    if (const int rc = flush(self(file)); rc != SQLITE_OK)
        return rc;
    return passedOn<Method>(file, args...);
}

int fileTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    File *f = self(file);
    if (const int rc = flush(f); rc != SQLITE_OK)
        return rc;
    f->written = std::min(f->written, size);
    return f->real->pMethods->xTruncate(f->real, size);
}

// One table per method-table version the parent's files may have: a file must not claim
// shared-memory or mmap support its real file lacks.
constexpr sqlite3_io_methods methodsOfVersion(int version)
{
    using M = sqlite3_io_methods;
    sqlite3_io_methods m{};
    m.iVersion = version;
    m.xClose = fileClose;
    m.xRead = flushedThenPassedOn<&M::xRead>;
    m.xWrite = fileWrite;
    m.xTruncate = fileTruncate;
    m.xSync = flushedThenPassedOn<&M::xSync>;
    m.xFileSize = flushedThenPassedOn<&M::xFileSize>;
    m.xLock = flushedThenPassedOn<&M::xLock>;
    m.xUnlock = flushedThenPassedOn<&M::xUnlock>;
    m.xCheckReservedLock = flushedThenPassedOn<&M::xCheckReservedLock>;
    m.xFileControl = flushedThenPassedOn<&M::xFileControl>;
    m.xSectorSize = passedOn<&M::xSectorSize>;
    m.xDeviceCharacteristics = passedOn<&M::xDeviceCharacteristics>;
    // Shared memory and memory mapping belong to database files, which are never buffered.
    if (version >= 2) {
        m.xShmMap = passedOn<&M::xShmMap>;
        m.xShmLock = passedOn<&M::xShmLock>;
        m.xShmBarrier = passedOn<&M::xShmBarrier>;
        m.xShmUnmap = passedOn<&M::xShmUnmap>;
    }
    if (version >= 3) {
        m.xFetch = passedOn<&M::xFetch>;
        m.xUnfetch = passedOn<&M::xUnfetch>;
    }
    return m;
}

const sqlite3_io_methods kMethods[] = {methodsOfVersion(1), methodsOfVersion(2),
                                       methodsOfVersion(3)};

int vfsOpen(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = self(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + kFileSize);
    f->real->pMethods = nullptr;
    f->pending = nullptr;
    f->pendingStart = 0;
    f->written = 0;
    f->flushAfterNextWrite = false;
    const int rc = s_parent->xOpen(s_parent, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK || !f->real->pMethods) {
        // SQLite closes a file whose pMethods is set even when xOpen failed: ours stays null,
        // so the real one is closed here.
        if (f->real->pMethods)
            f->real->pMethods->xClose(f->real);
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    if (flags & SQLITE_OPEN_WAL)
        f->pending = new std::vector<char>();
    const int version = std::clamp(f->real->pMethods->iVersion, 1, 3);
    f->base.pMethods = &kMethods[version - 1];
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return s_parent->xDelete(s_parent, name, syncDir);
}

int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return s_parent->xAccess(s_parent, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return s_parent->xFullPathname(s_parent, name, size, out);
}

void *vfsDlOpen(sqlite3_vfs *, const char *name)
{
    return s_parent->xDlOpen(s_parent, name);
}

void vfsDlError(sqlite3_vfs *, int size, char *out)
{
    s_parent->xDlError(s_parent, size, out);
}

void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return s_parent->xDlSym(s_parent, handle, symbol);
}

void vfsDlClose(sqlite3_vfs *, void *handle)
{
    s_parent->xDlClose(s_parent, handle);
}

int vfsRandomness(sqlite3_vfs *, int size, char *out)
{
    return s_parent->xRandomness(s_parent, size, out);
}

int vfsSleep(sqlite3_vfs *, int microseconds)
{
    return s_parent->xSleep(s_parent, microseconds);
}

int vfsCurrentTime(sqlite3_vfs *, double *out)
{
    return s_parent->xCurrentTime(s_parent, out);
}

int vfsGetLastError(sqlite3_vfs *, int size, char *out)
{
    return s_parent->xGetLastError ? s_parent->xGetLastError(s_parent, size, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return s_parent->xCurrentTimeInt64(s_parent, out);
}

bool install()
{
    if (qEnvironmentVariableIsSet("LOCALSTASH_WAL_COALESCE") &&
        qEnvironmentVariableIntValue("LOCALSTASH_WAL_COALESCE") == 0)
        return false;
    s_parent = sqlite3_vfs_find(nullptr);
    if (!s_parent)
        return false;
    s_vfs.iVersion = std::min(s_parent->iVersion, 2);
    s_vfs.szOsFile = int(kFileSize) + s_parent->szOsFile;
    s_vfs.mxPathname = s_parent->mxPathname;
    s_vfs.zName = "localstash-wal";
    s_vfs.xOpen = vfsOpen;
    s_vfs.xDelete = vfsDelete;
    s_vfs.xAccess = vfsAccess;
    s_vfs.xFullPathname = vfsFullPathname;
    s_vfs.xDlOpen = vfsDlOpen;
    s_vfs.xDlError = vfsDlError;
    s_vfs.xDlSym = vfsDlSym;
    s_vfs.xDlClose = vfsDlClose;
    s_vfs.xRandomness = vfsRandomness;
    s_vfs.xSleep = vfsSleep;
    s_vfs.xCurrentTime = vfsCurrentTime;
    s_vfs.xGetLastError = vfsGetLastError;
    if (s_vfs.iVersion >= 2 && s_parent->xCurrentTimeInt64)
        s_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    else
        s_vfs.iVersion = 1;
    return sqlite3_vfs_register(&s_vfs, 1) == SQLITE_OK;
}

bool s_installed = false;

} // namespace

bool installWalCoalescingVfs()
{
    static const bool installed = install();
    s_installed = installed;
    return installed;
}

bool walCoalescingInstalled()
{
    return s_installed;
}

WalWriteStats walWriteStats()
{
    return WalWriteStats{s_requested.load(std::memory_order_relaxed),
                         s_issued.load(std::memory_order_relaxed)};
}

} // namespace Broker::Sql

#else // no libsqlite3 headers: SQLite's own VFS

namespace Broker::Sql {

bool installWalCoalescingVfs()
{
    return false;
}

bool walCoalescingInstalled()
{
    return false;
}

WalWriteStats walWriteStats()
{
    return {};
}

} // namespace Broker::Sql

#endif
