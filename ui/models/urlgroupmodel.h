#pragma once
// URL groups (the `topics` table) with their endpoint counts, and the endpoints of one group.

#include "listsqlmodel.h"

namespace Dashboard {

class UrlGroupModel final : public ListSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlGroupModel)
public:
    enum Column { NameColumn, EndpointsColumn, UpdatedColumn, ColumnCount };

    explicit UrlGroupModel(QObject *parent = nullptr);
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString selectSql() const override;
};

class EndpointModel final : public ListSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointModel)
public:
    enum Column { UrlColumn, NameColumn, ColumnCount };

    explicit EndpointModel(QObject *parent = nullptr);
    void setGroup(const QString &group);
    QString group() const { return m_group; }
    QString urlAt(int row) const { return keyAt(row); }
    QString nameAt(int row) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString selectSql() const override;
    QVariantList selectBinds() const override { return {m_group}; }

private:
    QString m_group;
};

} // namespace Dashboard
