#include "filterbar.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr int kDebounceMs = 300;

enum TimePreset { AnyTime, Last5Minutes, LastHour, Last24Hours, Last7Days, CustomRange };

} // namespace

FilterBar::FilterBar(bool withState, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"filterBar"_s);
    m_blockSignals = true; // setting up the fields is no change of filter
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(4);

    auto *first = new QHBoxLayout;
    if (withState) {
        m_state = new QComboBox(this);
        m_state->setObjectName(u"stateFilterComboBox"_s);
        //: State filter of the message log
        m_state->addItem(tr("All states"), QString());
        m_state->addItem(tr("Not finished"), u"UNFINISHED"_s);
        m_state->addItem(tr("Pending"), u"PENDING"_s);
        m_state->addItem(tr("Active"), u"ACTIVE"_s);
        m_state->addItem(tr("Retrying"), u"RETRY"_s);
        m_state->addItem(tr("Delivered"), u"DELIVERED"_s);
        m_state->addItem(tr("Failed"), u"FAILED"_s);
        m_state->addItem(tr("Canceled"), u"CANCELED"_s);
        m_state->setAccessibleName(tr("State"));
        first->addWidget(m_state);
        connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_blockSignals)
                emit filterChanged(filter());
        });
    }
    m_url = addEdit(u"urlFilterLineEdit"_s, tr("URL contains…"), 16);
    m_text = addEdit(u"textFilterLineEdit"_s, tr("Search id, URL, headers, body…"), 20);
    first->addWidget(m_url, 2);
    first->addWidget(m_text, 3);

    m_time = new QComboBox(this);
    m_time->setObjectName(u"timeFilterComboBox"_s);
    //: Time filter of the message log
    m_time->addItem(tr("Any time"), AnyTime);
    m_time->addItem(tr("Last 5 minutes"), Last5Minutes);
    m_time->addItem(tr("Last hour"), LastHour);
    m_time->addItem(tr("Last 24 hours"), Last24Hours);
    m_time->addItem(tr("Last 7 days"), Last7Days);
    m_time->addItem(tr("Custom range…"), CustomRange);
    m_time->setAccessibleName(tr("Time range"));
    first->addWidget(m_time);

    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(u"clearFiltersButton"_s);
    m_clear->setToolTip(tr("Show everything again"));
    first->addWidget(m_clear);
    grid->addLayout(first, 0, 0);

    auto *second = new QHBoxLayout;
    m_group = addEdit(u"groupFilterLineEdit"_s, tr("URL group"), 10);
    m_queue = addEdit(u"queueFilterLineEdit"_s, tr("Queue"), 10);
    m_schedule = addEdit(u"scheduleFilterLineEdit"_s, tr("Schedule id"), 10);
    m_label = addEdit(u"labelFilterLineEdit"_s, tr("Label"), 10);
    for (QLineEdit *edit : {m_group, m_queue, m_schedule, m_label})
        second->addWidget(edit, 1);
    m_from = new QDateTimeEdit(this);
    m_from->setObjectName(u"fromDateTimeEdit"_s);
    m_to = new QDateTimeEdit(this);
    m_to->setObjectName(u"toDateTimeEdit"_s);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &FilterBar::scheduleChange);
    }
    m_from->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    m_to->setDateTime(QDateTime::currentDateTime().addSecs(3600));
    //: Between the two dates of a custom time range
    auto *fromLabel = new QLabel(tr("From"), this);
    auto *toLabel = new QLabel(tr("to"), this);
    fromLabel->setObjectName(u"fromLabel"_s);
    toLabel->setObjectName(u"toLabel"_s);
    second->addWidget(fromLabel);
    second->addWidget(m_from);
    second->addWidget(toLabel);
    second->addWidget(m_to);
    grid->addLayout(second, 1, 0);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { emit filterChanged(filter()); });
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        updateTimeRange();
        if (!m_blockSignals)
            emit filterChanged(filter());
    });
    connect(m_clear, &QPushButton::clicked, this, &FilterBar::clear);
    updateTimeRange();
    m_blockSignals = false;
}

QLineEdit *FilterBar::addEdit(const QString &name, const QString &placeholder, int minChars)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setMinimumWidth(fontMetrics().averageCharWidth() * minChars);
    connect(edit, &QLineEdit::textChanged, this, &FilterBar::scheduleChange);
    return edit;
}

void FilterBar::scheduleChange()
{
    if (!m_blockSignals)
        m_debounce.start();
}

void FilterBar::updateTimeRange()
{
    const bool custom = m_time->currentData().toInt() == CustomRange;
    for (QWidget *w : {static_cast<QWidget *>(m_from), static_cast<QWidget *>(m_to),
                       findChild<QWidget *>(u"fromLabel"_s), findChild<QWidget *>(u"toLabel"_s)}) {
        if (w)
            w->setVisible(custom);
    }
}

MessageFilter FilterBar::filter() const
{
    MessageFilter f;
    if (m_state)
        f.state = m_state->currentData().toString();
    f.url = m_url->text().trimmed();
    f.text = m_text->text().trimmed();
    f.group = m_group->text().trimmed();
    f.queue = m_queue->text().trimmed();
    f.schedule = m_schedule->text().trimmed();
    f.label = m_label->text().trimmed();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (m_time->currentData().toInt()) {
    case Last5Minutes:
        f.fromMs = now - 5 * 60'000;
        break;
    case LastHour:
        f.fromMs = now - 3'600'000;
        break;
    case Last24Hours:
        f.fromMs = now - 86'400'000;
        break;
    case Last7Days:
        f.fromMs = now - 7 * 86'400'000LL;
        break;
    case CustomRange:
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        f.toMs = m_to->dateTime().toMSecsSinceEpoch() + 59'999; // the whole last minute
        break;
    default:
        break;
    }
    return f;
}

void FilterBar::setFilter(const MessageFilter &f)
{
    m_blockSignals = true;
    if (m_state)
        m_state->setCurrentIndex(std::max(0, m_state->findData(f.state)));
    m_url->setText(f.url);
    m_text->setText(f.text);
    m_group->setText(f.group);
    m_queue->setText(f.queue);
    m_schedule->setText(f.schedule);
    m_label->setText(f.label);
    if (f.fromMs >= 0 || f.toMs >= 0) {
        m_time->setCurrentIndex(m_time->findData(CustomRange));
        if (f.fromMs >= 0)
            m_from->setDateTime(QDateTime::fromMSecsSinceEpoch(f.fromMs));
        if (f.toMs >= 0)
            m_to->setDateTime(QDateTime::fromMSecsSinceEpoch(f.toMs));
    } else {
        m_time->setCurrentIndex(0);
    }
    updateTimeRange();
    m_blockSignals = false;
    m_debounce.stop();
    emit filterChanged(filter());
}

void FilterBar::clear()
{
    setFilter(MessageFilter());
}

void FilterBar::focusSearch()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

} // namespace Dashboard
