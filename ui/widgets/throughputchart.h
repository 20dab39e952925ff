#pragma once
// The overview's live chart: deliveries per second and failures per second (left axis) and the
// backlog — pending, active and retrying messages — (right axis) over the last minutes, computed
// from successive samples of the broker's counts.

#include <QVariantMap>
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Dashboard {

class ThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)
public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    // One sample of the counts at unix time `ms`; rates come from the previous sample.
    void addSample(qint64 ms, const QVariantMap &counts);
    void setWindowSeconds(int seconds) { m_windowSecs = seconds; }
    void clear();

    QLineSeries *deliveries() const { return m_deliveries; }
    QLineSeries *failures() const { return m_failures; }
    QLineSeries *backlog() const { return m_backlog; }

private:
    void trim(qint64 now);
    void rescale(qint64 now);

    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_deliveries = nullptr;
    QLineSeries *m_failures = nullptr;
    QLineSeries *m_backlog = nullptr;
    QDateTimeAxis *m_time = nullptr;
    QValueAxis *m_rate = nullptr;
    QValueAxis *m_queue = nullptr;
    qint64 m_lastMs = -1;
    qint64 m_lastDelivered = 0;
    qint64 m_lastFailed = 0;
    int m_windowSecs = 300;
};

} // namespace Dashboard
