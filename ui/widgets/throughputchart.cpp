#include "throughputchart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QLineSeries *makeSeries(const QString &name, const QColor &color, Qt::PenStyle style)
{
    auto *series = new QLineSeries;
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    series->setPen(pen);
    return series;
}

constexpr int kTicks = 5;

// An axis maximum at or above v whose kTicks - 1 intervals are round whole numbers (1, 2, 5,
// 10, 20, 50...): 0–4, 0–8, 0–20, 0–200...
double niceCeiling(double v)
{
    const double interval = std::max(1.0, v / (kTicks - 1));
    const double magnitude = std::pow(10.0, std::floor(std::log10(interval)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (interval <= step * magnitude)
            return step * magnitude * (kTicks - 1);
    }
    return 10 * magnitude * (kTicks - 1);
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"throughputChart"_s);
    m_chart = new QChart;
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->legend()->setLabelColor(palette().color(QPalette::WindowText));

    //: Chart series: successful deliveries per second
    m_deliveries = makeSeries(tr("Deliveries/s"), QColor(0x2e, 0xa0, 0x43), Qt::SolidLine);
    //: Chart series: messages that failed for good, per second
    m_failures = makeSeries(tr("Failures/s"), QColor(0xd0, 0x31, 0x2d), Qt::SolidLine);
    //: Chart series: messages waiting or in flight
    m_backlog = makeSeries(tr("Backlog"), QColor(0x1c, 0x71, 0xd8), Qt::DashLine);
    for (QLineSeries *s : {m_deliveries, m_failures, m_backlog})
        m_chart->addSeries(s);

    const QColor text = palette().color(QPalette::WindowText);
    const QColor grid = palette().color(QPalette::Mid);
    m_time = new QDateTimeAxis;
    m_time->setFormat(u"HH:mm:ss"_s);
    m_time->setTickCount(6);
    m_rate = new QValueAxis;
    //: Chart axis title
    m_rate->setTitleText(tr("per second"));
    m_rate->setLabelFormat(u"%.0f"_s);
    m_rate->setTickCount(kTicks);
    m_queue = new QValueAxis;
    //: Chart axis title
    m_queue->setTitleText(tr("backlog"));
    m_queue->setLabelFormat(u"%.0f"_s);
    m_queue->setTickCount(kTicks);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_rate),
          static_cast<QAbstractAxis *>(m_queue)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    m_queue->setGridLineVisible(false);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_rate, Qt::AlignLeft);
    m_chart->addAxis(m_queue, Qt::AlignRight);
    for (QLineSeries *s : {m_deliveries, m_failures}) {
        s->attachAxis(m_time);
        s->attachAxis(m_rate);
    }
    m_backlog->attachAxis(m_time);
    m_backlog->attachAxis(m_queue);

    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(u"throughputChartView"_s);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setBackgroundBrush(Qt::NoBrush);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rescale(QDateTime::currentMSecsSinceEpoch());
}

void ThroughputChart::clear()
{
    for (QLineSeries *s : {m_deliveries, m_failures, m_backlog})
        s->clear();
    m_lastMs = -1;
}

void ThroughputChart::addSample(qint64 ms, const QVariantMap &counts)
{
    const qint64 delivered = counts.value(u"DELIVERED"_s).toLongLong();
    const qint64 failed = counts.value(u"FAILED"_s).toLongLong();
    const qint64 backlog = counts.value(u"PENDING"_s).toLongLong() +
                           counts.value(u"ACTIVE"_s).toLongLong() +
                           counts.value(u"RETRY"_s).toLongLong();
    if (m_lastMs >= 0 && ms > m_lastMs) {
        const double secs = double(ms - m_lastMs) / 1000.0;
        // Counts only go down when old messages are pruned: that is not negative throughput.
        m_deliveries->append(double(ms),
                             double(std::max<qint64>(0, delivered - m_lastDelivered)) / secs);
        m_failures->append(double(ms), double(std::max<qint64>(0, failed - m_lastFailed)) / secs);
    }
    m_backlog->append(double(ms), double(backlog));
    m_lastMs = ms;
    m_lastDelivered = delivered;
    m_lastFailed = failed;
    trim(ms);
    rescale(ms);
}

void ThroughputChart::trim(qint64 now)
{
    const double oldest = double(now - qint64(m_windowSecs) * 1000);
    for (QLineSeries *s : {m_deliveries, m_failures, m_backlog}) {
        int drop = 0;
        while (drop < s->count() && s->at(drop).x() < oldest)
            ++drop;
        if (drop > 0)
            s->removePoints(0, drop);
    }
}

void ThroughputChart::rescale(qint64 now)
{
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(now - qint64(m_windowSecs) * 1000),
                     QDateTime::fromMSecsSinceEpoch(now));
    double rate = 0;
    for (QLineSeries *s : {m_deliveries, m_failures}) {
        for (int i = 0; i < s->count(); ++i)
            rate = std::max(rate, s->at(i).y());
    }
    double queue = 0;
    for (int i = 0; i < m_backlog->count(); ++i)
        queue = std::max(queue, m_backlog->at(i).y());
    m_rate->setRange(0, niceCeiling(rate * 1.1));
    m_queue->setRange(0, niceCeiling(queue * 1.1));
}

} // namespace Dashboard
