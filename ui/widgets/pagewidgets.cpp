#include "pagewidgets.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSet>
#include <QTableView>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Dashboard {

QFont scaledFont(const QFont &base, double factor, bool bold)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(int(std::lround(font.pixelSize() * factor)));
    font.setBold(bold);
    return font;
}

QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

QLabel *makePageTitle(const QString &text, QWidget *parent)
{
    auto *title = new QLabel(text, parent);
    title->setFont(scaledFont(title->font(), 1.5, true));
    return title;
}

QLabel *makeEmptyState(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setMargin(32);
    return label;
}

QList<int> selectedRows(const QItemSelectionModel *selection, int cap)
{
    QList<int> rows;
    QSet<int> seen; // ranges may overlap
    for (const QItemSelectionRange &range : selection->selection()) {
        for (int row = range.top(); row <= range.bottom() && rows.size() < cap; ++row) {
            if (!seen.contains(row)) {
                seen.insert(row);
                rows.append(row);
            }
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void configureTable(QTableView *view, bool multiSelection)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(multiSelection ? QAbstractItemView::ExtendedSelection
                                          : QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setStretchLastSection(true);
}

void fitColumn(QTableView *view, int column, const QString &sample, bool withIcon)
{
    const QFontMetrics fm = view->fontMetrics();
    const QString header = view->model()->headerData(column, Qt::Horizontal).toString();
    const int icon = withIcon ? fm.height() + 6 : 0;
    const int text = std::max(fm.horizontalAdvance(sample) + icon,
                              view->horizontalHeader()->fontMetrics().horizontalAdvance(header));
    view->setColumnWidth(column, text + 2 * fm.averageCharWidth() + 8);
}

} // namespace Dashboard
