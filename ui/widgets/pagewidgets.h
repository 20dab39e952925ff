#pragma once
// Small pieces every page shares: the title line, the centred empty-state text, fonts.

#include <QFont>
#include <QList>
#include <QString>

class QItemSelectionModel;
class QLabel;
class QTableView;
class QWidget;

namespace Dashboard {

// `factor` times the size of `base`, optionally bold.
QFont scaledFont(const QFont &base, double factor, bool bold);
QFont monospaceFont();
// The page's heading, 1.5× the font, bold.
QLabel *makePageTitle(const QString &text, QWidget *parent);
// A centred, muted, word-wrapped text shown in place of an empty table.
QLabel *makeEmptyState(const QString &objectName, QWidget *parent);
// The look every table of the dashboard shares: whole rows selected, no grid, alternating
// rows, fixed row height (a million rows cost nothing to lay out), actions as context menu.
void configureTable(QTableView *view, bool multiSelection);
// Wide enough for `sample` (in the view's font) plus room for an icon when `withIcon`.
void fitColumn(QTableView *view, int column, const QString &sample, bool withIcon = false);

// The selected rows in order, at most `cap` of them: walks the selection's ranges instead of
// materialising an index per row (Ctrl+A over a million rows must stay instant).
QList<int> selectedRows(const QItemSelectionModel *selection, int cap);

} // namespace Dashboard
