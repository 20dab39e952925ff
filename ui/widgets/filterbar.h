#pragma once
// The filter fields above the message log and the dead-letter queue: state (optional), URL,
// free text and time range on the first line; URL group, queue, schedule and label on the
// second. Typing is debounced; filterChanged() carries the whole filter.

#include "models/messagemodel.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;

namespace Dashboard {

class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)
public:
    explicit FilterBar(bool withState, QWidget *parent = nullptr);

    MessageFilter filter() const;
    void setFilter(const MessageFilter &filter);
    void clear();
    void focusSearch();

signals:
    void filterChanged(const Dashboard::MessageFilter &filter);

private:
    QLineEdit *addEdit(const QString &name, const QString &placeholder, int minChars);
    void scheduleChange();
    void updateTimeRange();

    QComboBox *m_state = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_text = nullptr;
    QComboBox *m_time = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLineEdit *m_group = nullptr;
    QLineEdit *m_queue = nullptr;
    QLineEdit *m_schedule = nullptr;
    QLineEdit *m_label = nullptr;
    QPushButton *m_clear = nullptr;
    QTimer m_debounce;
    bool m_blockSignals = false;
};

} // namespace Dashboard
