#pragma once
// The message log as a table, newest first, over the `messages` table (paged, see PagedSqlModel),
// with the filters of the Messages page applied in SQL.

#include "pagedsqlmodel.h"

namespace Dashboard {

struct MessageFilter
{
    // "" = any; a stored state (PENDING, ACTIVE, RETRY, DELIVERED, FAILED, CANCELED); or
    // "UNFINISHED" = PENDING, ACTIVE or RETRY.
    QString state;
    QString url;        // contained, case-insensitive
    QString group;      // URL group name, exact
    QString queue;      // exact
    QString schedule;   // schedule id, exact
    QString label;      // one of the message's labels, exact
    QString text;       // in the id, URL, headers or body, case-insensitive
    qint64 fromMs = -1; // created at or after; -1 = open
    qint64 toMs = -1;   // created at or before; -1 = open

    bool isEmpty() const { return *this == MessageFilter(); }
    friend bool operator==(const MessageFilter &, const MessageFilter &) = default;
};

class MessageModel final : public PagedSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageModel)
public:
    // Unscoped on purpose: used as plain ints by views and tests.
    enum Column {
        TimeColumn,
        StateColumn,
        MethodColumn,
        UrlColumn,
        ContextColumn,
        LabelsColumn,
        AttemptsColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role { MessageIdRole = Qt::UserRole + 1, StateRole, UrlRole };

    explicit MessageModel(QObject *parent = nullptr);

    void setFilter(const MessageFilter &filter);
    MessageFilter filter() const { return m_filter; }

    QString messageId(int row) const;
    int rowOfMessage(const QString &id) const { return rowOfKey(id); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QuerySpec buildQuery() const override;

private:
    bool stateIsSelective() const;

    MessageFilter m_filter;
    bool m_useStateIndex = false;
};

} // namespace Dashboard
