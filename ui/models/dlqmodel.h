#pragma once
// The dead-letter queue, newest first: one row per entry (the `dlq` table) with its message's
// method and labels, paged like the message log; the Messages page's filters minus state.

#include "messagemodel.h"

namespace Dashboard {

class DlqModel final : public PagedSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DlqModel)
public:
    enum Column {
        TimeColumn,
        MessageColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        ContextColumn,
        LabelsColumn,
        ColumnCount
    };
    enum Role { DlqIdRole = Qt::UserRole + 1, MessageIdRole };

    explicit DlqModel(QObject *parent = nullptr);

    void setFilter(const MessageFilter &filter);
    MessageFilter filter() const { return m_filter; }
    QString dlqId(int row) const;
    QString messageIdAt(int row) const;
    int rowOfDlqId(const QString &id) const { return rowOfKey(id); }
    // Every entry matching the filter (as of the last refresh), newest first.
    QStringList matchingDlqIds() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QuerySpec buildQuery() const override;

private:
    MessageFilter m_filter;
};

} // namespace Dashboard
