#include "sqlutil.h"

#include "core/message.h"
#include "walvfs.h"

#include <QSqlDriver>
#include <QSqlError>

#if defined(LOCALSTASH_HAVE_SQLITE3)
#include <sqlite3.h>
#if defined(__linux__)
#include <dlfcn.h>
#define LOCALSTASH_SQLITE_DIRECT 1
#endif
#endif

namespace Broker::Sql {

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

bool fail(const QSqlQuery &query, QString *error)
{
    if (error)
        *error = query.lastError().text();
    return false;
}

bool run(QSqlQuery &query, QString *error)
{
    return query.exec() || fail(query, error);
}

QSqlQuery &StatementCache::prepared(QSqlDatabase &db, const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_unique<QSqlQuery>(db);
        q->setForwardOnly(true);
        q->prepare(QString::fromLatin1(sql));
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return *it->second;
}

namespace {

#if defined(LOCALSTASH_SQLITE_DIRECT)
sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    if (!driver)
        return nullptr;
    const QVariant v = driver->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

// Whether the loaded QSQLITE plugin resolves sqlite3_step to the same function this program
// calls: then both drive one libsqlite3 and its handles are ours to use. A plugin with its own
// copy of SQLite (exported or hidden) resolves to another address, or to none.
bool pluginSharesOurSqlite(const QSqlDriver *driver)
{
    Dl_info info{};
    // The driver's vtable lives in the plugin's image: it names the plugin's file.
    const void *vtable = *reinterpret_cast<void *const *>(driver);
    if (!dladdr(vtable, &info) || !info.dli_fname)
        return false;
    void *plugin = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
    if (!plugin)
        return false;
    const void *theirs = dlsym(plugin, "sqlite3_step");
    dlclose(plugin);
    return theirs && theirs == reinterpret_cast<const void *>(&sqlite3_step);
}

// Process-wide SQLite settings, as a static initialiser: before main(), so before any thread or
// connection (sqlite3_config is not thread-safe and must precede SQLite's initialisation; a
// connection keeps the VFS it opened with). With a plugin carrying its own SQLite these set an
// unused copy, harmlessly.
//  - SQLite keeps allocation statistics (for sqlite3_memory_used() and the soft heap limit,
//    neither used here) under a global mutex taken on every malloc and free: about 170 lock
//    pairs per delivered message on the write path. Off.
//  - The WAL writes of a transaction go out in one write() (walvfs.h).
void configureSqlite()
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    installWalCoalescingVfs();
}
Q_CONSTRUCTOR_FUNCTION(configureSqlite)
#endif

} // namespace

void *Statement::directHandle(const QSqlDatabase &db)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (qEnvironmentVariableIsSet("LOCALSTASH_SQLITE_DIRECT") &&
        qEnvironmentVariableIntValue("LOCALSTASH_SQLITE_DIRECT") == 0)
        return nullptr;
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return nullptr;
    static const bool shared = pluginSharesOurSqlite(db.driver());
    return shared ? handle : nullptr;
#else
    Q_UNUSED(db);
    return nullptr;
#endif
}

Statement::Statement(QSqlDatabase &db, const char *sql)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (auto *handle = static_cast<sqlite3 *>(directHandle(db))) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) ==
            SQLITE_OK) {
            m_stmt = stmt;
            return;
        }
        m_prepareError = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(stmt);
        return;
    }
#endif
    m_query = std::make_unique<QSqlQuery>(db);
    m_query->setForwardOnly(true);
    if (!m_query->prepare(QString::fromLatin1(sql)))
        m_prepareError = m_query->lastError().text();
}

Statement::~Statement()
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    sqlite3_finalize(static_cast<sqlite3_stmt *>(m_stmt));
#endif
}

#if defined(LOCALSTASH_SQLITE_DIRECT)
#define LS_STMT static_cast<sqlite3_stmt *>(m_stmt)
#endif

void Statement::bind(int index, qint64 value)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (m_stmt) {
        sqlite3_bind_int64(LS_STMT, index + 1, value);
        return;
    }
#endif
    if (m_query)
        m_query->bindValue(index, value);
}

const char *Statement::hold(const QByteArray &bytes)
{
    if (bytes.isNull())
        return "";
    m_held.push_back(bytes);
    return m_held.back().constData();
}

void Statement::bindText(int index, const QString &value)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (m_stmt) {
        bindText(index, value.toUtf8());
        return;
    }
#endif
    if (m_query)
        m_query->bindValue(index, text(value));
}

void Statement::bindText(int index, const QByteArray &utf8)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (m_stmt) {
        sqlite3_bind_text(LS_STMT, index + 1, hold(utf8), int(utf8.size()), SQLITE_STATIC);
        return;
    }
#endif
    if (m_query)
        m_query->bindValue(index, text(QString::fromUtf8(utf8))); // null binds as '', as above
}

void Statement::bindText(int index, QByteArrayView utf8)
{
    bindText(index, utf8.toByteArray()); // the one copy a view needs, held until exec()
}

void Statement::bindLatin1(int index, const QByteArray &latin1)
{
    // ASCII is the same bytes in UTF-8: the usual case binds as it is.
    if (isAscii(latin1))
        bindText(index, latin1);
    else
        bindText(index, QString::fromLatin1(latin1));
}

void Statement::bindBlob(int index, const QByteArray &value)
{
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (m_stmt) {
        sqlite3_bind_blob(LS_STMT, index + 1, hold(value), int(value.size()), SQLITE_STATIC);
        return;
    }
#endif
    if (m_query)
        m_query->bindValue(index, value.isNull() ? QByteArray("") : value);
}

bool Statement::exec(QString *error)
{
    if (!m_prepareError.isEmpty()) {
        if (error)
            *error = m_prepareError;
        return false;
    }
#if defined(LOCALSTASH_SQLITE_DIRECT)
    if (m_stmt) {
        const int rc = sqlite3_step(LS_STMT);
        const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
        if (ok)
            m_lastInsertId = sqlite3_last_insert_rowid(sqlite3_db_handle(LS_STMT));
        else if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(LS_STMT)));
        sqlite3_reset(LS_STMT);
        sqlite3_clear_bindings(LS_STMT);
        m_held.clear(); // after the bindings that pointed into them
        return ok;
    }
#endif
    if (!m_query || !run(*m_query, error))
        return false;
    m_lastInsertId = m_query->lastInsertId().toLongLong();
    return true;
}

} // namespace Broker::Sql
