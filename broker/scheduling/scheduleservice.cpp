#include "scheduleservice.h"

#include "core/clock.h"
#include "core/logging.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace Broker {

namespace {

// Long waits are cut into slices so a wall-clock jump (suspend, NTP) is noticed within a minute.
constexpr qint64 kMaxTimerSliceMs = 60'000;
// A tick this late was not a slow timer but a window the broker could not see (stopped, asleep).
constexpr qint64 kMissedAfterMs = 1'000;

const QString kInProgress = QStringLiteral("IN_PROGRESS");

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

} // namespace

ScheduleService::ScheduleService(IClock *clock, WriteBatcher *batcher, ScheduleStore *store,
                                 MessageStore *messages, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_batcher(batcher)
    , m_store(store)
    , m_messages(messages)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ScheduleService::check);
    connect(m_clock, &IClock::advanced, this, &ScheduleService::check);
}

ScheduleService::~ScheduleService() = default;

void ScheduleService::start()
{
    m_entries.clear();
    m_messageSchedule.clear();
    m_dueWhileStopped.clear();
    const qint64 now = m_clock->nowMs();
    for (Schedule &s : m_store->all()) {
        auto cron = CronExpression::parse(s.cron);
        if (!cron) {
            // Only reachable through a hand-edited database: keep it visible, never fire it.
            qCWarning(lcScheduler) << "schedule" << s.id << "has an invalid cron" << s.cron
                                   << "and will not fire:" << cron.error().message;
            s.error = cron.error().message;
            s.nextFire = -1;
            m_entries.insert(s.id, Entry{s, CronExpression()});
            continue;
        }
        if (!s.paused && s.nextFire >= 0 && s.nextFire < now - kMissedAfterMs)
            m_dueWhileStopped.insert(s.id); // fire() says so when it catches up
        // Messages of the last tick that finished while nobody was listening.
        bool changed = false;
        for (auto it = s.lastStates.begin(); it != s.lastStates.end(); ++it) {
            if (it.value().toString() != kInProgress)
                continue;
            const auto m = m_messages->message(it.key());
            if (m && !isFinal(m->state))
                continue;
            it.value() = (m && m->state == MessageState::Delivered) ? QStringLiteral("SUCCESS")
                                                                    : QStringLiteral("FAIL");
            changed = true;
        }
        m_entries.insert(s.id, Entry{s, *cron});
        track(s);
        if (changed)
            persist(s.id);
    }
    m_running = true;
    check();
}

void ScheduleService::stop()
{
    m_running = false;
    m_timer.stop();
}

std::optional<Schedule> ScheduleService::schedule(const QString &id) const
{
    const auto it = m_entries.constFind(id);
    if (it == m_entries.cend())
        return std::nullopt;
    return it->schedule;
}

QList<Schedule> ScheduleService::schedules() const
{
    QList<Schedule> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        out.append(e.schedule);
    std::sort(out.begin(), out.end(), [](const Schedule &a, const Schedule &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return out;
}

qint64 ScheduleService::nextFireAt() const
{
    qint64 earliest = -1;
    for (const Entry &e : m_entries) {
        const qint64 at = e.schedule.paused ? -1 : e.schedule.nextFire;
        if (at >= 0 && (earliest < 0 || at < earliest))
            earliest = at;
    }
    return earliest;
}

void ScheduleService::upsert(Schedule definition, std::function<void(const Status &)> done)
{
    auto cron = CronExpression::parse(definition.cron);
    if (!cron) {
        done(badRequest(QStringLiteral("invalid Upstash-Cron header: ") + cron.error().message));
        return;
    }
    const qint64 now = m_clock->nowMs();
    definition.cron = cron->text();
    definition.nextFire = cron->nextAfter(now);
    if (definition.nextFire < 0) {
        done(badRequest(
            QStringLiteral("invalid Upstash-Cron header: '%1' never fires").arg(definition.cron)));
        return;
    }
    definition.paused = false;
    definition.updatedAt = now;
    definition.createdAt = now;
    definition.lastFire = 0;
    definition.lastStates = {};
    definition.error.clear();
    if (const auto it = m_entries.constFind(definition.id); it != m_entries.cend()) {
        definition.createdAt = it->schedule.createdAt;
        definition.lastFire = it->schedule.lastFire;
        definition.lastStates = it->schedule.lastStates;
    }
    m_entries.insert(definition.id, Entry{definition, *cron});
    persist(definition.id, std::move(done));
    arm();
    emit schedulesChanged();
}

void ScheduleService::remove(const QString &id, std::function<void(const Status &)> done)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        done(notFound(QStringLiteral("schedule %1 not found").arg(id)));
        return;
    }
    untrack(it->schedule);
    m_entries.erase(it);
    persist(id, std::move(done));
    arm();
    emit schedulesChanged();
}

void ScheduleService::setPaused(const QString &id, bool paused,
                                std::function<void(const Status &)> done)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        done(notFound(QStringLiteral("schedule %1 not found").arg(id)));
        return;
    }
    Schedule &s = it->schedule;
    if (s.paused == paused) {
        done(Ok{}); // idempotent, like QStash's queue pause
        return;
    }
    s.paused = paused;
    // Ticks while paused are skipped, not owed: resuming starts from the next matching minute.
    s.nextFire = paused ? -1 : it->cron.nextAfter(m_clock->nowMs());
    persist(id, std::move(done));
    arm();
    emit schedulesChanged();
}

void ScheduleService::check()
{
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    QList<QPair<qint64, QString>> due;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const Schedule &s = it->schedule;
        if (!s.paused && s.nextFire >= 0 && s.nextFire <= now)
            due.append({s.nextFire, it.key()});
    }
    std::sort(due.begin(), due.end());
    for (const auto &[at, id] : due)
        fire(id, now);
    arm();
}

void ScheduleService::arm()
{
    if (!m_running || m_clock->isManual())
        return;
    const qint64 next = nextFireAt();
    if (next < 0) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(next - m_clock->nowMs(), 0, kMaxTimerSliceMs);
    m_timer.start(int(wait));
}

void ScheduleService::fire(const QString &id, qint64 now)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    Schedule &s = it->schedule;
    const qint64 dueAt = s.nextFire;
    if (now - dueAt > kMissedAfterMs) {
        // Count what is skipped, for the log only; a long downtime is bounded by the cap.
        int skipped = 0;
        for (qint64 t = it->cron.nextAfter(dueAt); t >= 0 && t <= now && skipped < 10'000;
             t = it->cron.nextAfter(t))
            ++skipped;
        const QString why = m_dueWhileStopped.contains(id)
                                ? QStringLiteral("while LocalStash was not running")
                                : QStringLiteral("(the system was busy or asleep)");
        qCInfo(lcScheduler).noquote()
            << QStringLiteral("schedule %1 missed its tick at %2%3 %4; firing once now for the "
                              "missed window")
                   .arg(id, isoTime(dueAt),
                        skipped > 0 ? QStringLiteral(" and %1 later tick(s)").arg(skipped)
                                    : QString(),
                        why);
    }
    m_dueWhileStopped.remove(id);
    s.lastFire = now;
    s.nextFire = it->cron.nextAfter(now);
    // Submitted in the same event-loop pass as the producer's accept(), so the tick's messages
    // and the advanced next fire time go into one commit: a crash cannot repeat a tick.
    persist(id);
    emit schedulesChanged();
    if (!m_producer) {
        produced(id, now, ApiError{ErrorCode::Internal, QStringLiteral("no producer")});
        return;
    }
    const Schedule snapshot = s;
    m_producer(snapshot,
               [this, id, now](const Result<QStringList> &result) { produced(id, now, result); });
}

void ScheduleService::produced(const QString &id, qint64 firedAt, const Result<QStringList> &result)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end() || it->schedule.lastFire != firedAt)
        return; // deleted meanwhile, or a later tick already took over the history
    Schedule &s = it->schedule;
    if (!result) {
        s.error = result.error().message;
        qCWarning(lcScheduler) << "schedule" << id << "tick produced no message:" << s.error;
    } else {
        s.error.clear();
        untrack(s);
        s.lastStates = {};
        for (const QString &messageId : *result)
            s.lastStates.insert(messageId, kInProgress);
        track(s);
        qCDebug(lcScheduler) << "schedule" << id << "fired" << result->size() << "message(s)";
    }
    persist(id);
    emit schedulesChanged();
}

void ScheduleService::onMessageFinished(const QString &messageId, const QString &state)
{
    const QString id = m_messageSchedule.take(messageId);
    if (id.isEmpty())
        return;
    const auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->schedule.lastStates.contains(messageId))
        return;
    it->schedule.lastStates.insert(messageId, state == QStringLiteral("DELIVERED")
                                                  ? QStringLiteral("SUCCESS")
                                                  : QStringLiteral("FAIL"));
    persist(id);
    emit schedulesChanged();
}

void ScheduleService::track(const Schedule &schedule)
{
    for (auto it = schedule.lastStates.constBegin(); it != schedule.lastStates.constEnd(); ++it) {
        if (it.value().toString() == kInProgress)
            m_messageSchedule.insert(it.key(), schedule.id);
    }
}

void ScheduleService::untrack(const Schedule &schedule)
{
    for (auto it = schedule.lastStates.constBegin(); it != schedule.lastStates.constEnd(); ++it)
        m_messageSchedule.remove(it.key());
}

void ScheduleService::persist(const QString &id, std::function<void(const Status &)> done)
{
    const auto it = m_entries.constFind(id);
    const std::optional<Schedule> current =
        it == m_entries.cend() ? std::nullopt : std::optional<Schedule>(it->schedule);
    m_batcher->submit(
        [this, id, current](QSqlDatabase &db, QString *error) {
            return current ? m_store->save(db, *current, error) : m_store->remove(db, id, error);
        },
        [this, id, done = std::move(done)](bool ok, const QString &error) {
            if (!ok) {
                qCWarning(lcScheduler) << "schedule" << id << "not saved:" << error;
                reload(id);
            }
            if (done) {
                if (ok)
                    done(Ok{});
                else
                    done(ApiError{ErrorCode::StorageFailed,
                                  QStringLiteral("schedule %1 not saved: %2").arg(id, error)});
            }
        });
}

void ScheduleService::reload(const QString &id)
{
    if (const auto old = m_entries.constFind(id); old != m_entries.cend())
        untrack(old->schedule);
    m_entries.remove(id);
    if (auto stored = m_store->get(id)) {
        auto cron = CronExpression::parse(stored->cron);
        m_entries.insert(id, Entry{*stored, cron ? *cron : CronExpression()});
        track(*stored);
    }
    arm();
    emit schedulesChanged();
}

} // namespace Broker
