#pragma once
// A read-only table model over a SQL query of any size, newest row first, that never loads
// everything: rows are read in pages of PageSize by keyset on (time, rowid), a few pages are
// cached (least recently used goes first), and each page's first key is remembered so scrolling
// on from a page costs one indexed range read. A jump far away costs one OFFSET walk over the
// index from the nearest known key (or either end). Subclasses give the query and interpret rows.
//
// Rows are numbered from the oldest internally ("bottom index"), so new rows arriving on top do
// not move any page or key: refresh() turns them into rowsInserted at row 0 and keeps the
// selection and the scroll position of the views.

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QSqlDatabase>
#include <QTimer>
#include <QVariantList>

namespace Dashboard {

class PagedSqlModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedSqlModel)
public:
    static constexpr int PageSize = 200;
    static constexpr int MaxCachedPages = 12;

    explicit PagedSqlModel(QObject *parent = nullptr);
    ~PagedSqlModel() override;

    // The connection to read through (QSqlDatabase::database(name)); "" = none (empty model).
    void setConnectionName(const QString &name);
    QString connectionName() const { return m_connection; }

    int rowCount(const QModelIndex &parent = {}) const override;

    // Re-reads the count and the top of the table now: new rows become rowsInserted at the top,
    // changed rows dataChanged; anything else (rows gone, filter changed) a reset.
    void refresh();
    // refresh() soon, coalescing requests, and never more often than every 4× the last refresh's
    // cost (at least minimumRefreshInterval): a slow filter over a huge table stays responsive.
    void requestRefresh();
    void setMinimumRefreshInterval(int ms) { m_minInterval = ms; }
    // Starts over (after the filter changed).
    void reload();

    // The stored row at `row`, or an empty list when it cannot be read.
    QVariantList rowValues(int row) const;
    // The row holding the record whose key column equals `key`, or -1.
    int rowOfKey(const QVariant &key) const;

    QString lastError() const { return m_lastError; }
    qint64 lastRefreshCostMs() const { return m_lastRefreshMs; }
    int cachedPageCount() const { return int(m_pages.size()); }
    int knownAnchorCount() const { return int(m_anchors.size()); }

signals:
    void refreshed();
    void errorOccurred(const QString &message);

protected:
    struct QuerySpec
    {
        QString from;      // "messages m" or a join
        QString columns;   // the select list after the key columns
        QString timeKey;   // "m.created_at"
        QString rowidKey;  // "m.rowid"
        QString idColumn;  // the column rowOfKey() looks up, e.g. "m.id"
        QStringList where; // conditions, ANDed, with '?' placeholders
        QVariantList binds;
    };
    // Called at every refresh/reload (never while reading pages), so a subclass may tune the
    // query to the data (e.g. whether an index helps).
    virtual QuerySpec buildQuery() const = 0;
    // Row values as selected: [0] time key, [1] rowid key, then `columns` in order.
    const QVariantList *cachedRow(int row) const;

private:
    struct Key
    {
        qint64 time = 0;
        qint64 rowid = 0;
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct Page
    {
        QList<QVariantList> rows;
        quint64 used = 0;
    };

    enum KeyOp { Below, AtOrBelow, Above, AtOrAbove };
    // "(time, rowid) OP key" in SQL, appending its binds.
    QString keyCondition(KeyOp op, const Key &key, QVariantList *binds) const;
    QSqlDatabase db() const;
    bool queryTop(const QuerySpec &spec, Key *top, bool *empty) const;
    qint64 count(const QuerySpec &spec, const QString &extra, const QVariantList &extraBinds) const;
    bool anchorFor(int page, Key *anchor) const;
    const Page *ensurePage(int page) const;
    QString whereClause(const QuerySpec &spec, const QString &extra) const;
    void fail(const QString &what, const QString &error) const;
    void clearCache();

    QString m_connection;
    QuerySpec m_spec;
    qint64 m_total = 0;
    Key m_top;
    bool m_valid = false;
    mutable QHash<int, Page> m_pages;
    mutable QMap<int, Key> m_anchors; // page -> key of its first (oldest) row
    mutable quint64 m_useCounter = 0;
    mutable QString m_lastError;
    qint64 m_lastRefreshMs = 0;
    int m_minInterval = 250;
    QTimer m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
};

} // namespace Dashboard
