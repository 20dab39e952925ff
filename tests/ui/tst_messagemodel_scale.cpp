// The message log at a million rows: the model counts them quickly, answers data() for any row
// (top, bottom, middle, random jumps) without loading everything, scrolling the whole table in
// a real view stays fast step by step, and the memory it holds stays bounded. The database is
// generated once (the broker's own schema) and read through the dashboard's read-only
// connection, as in the app.

#include "brokerclient.h"
#include "models/messagemodel.h"
#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Dashboard;

namespace {

constexpr int kRows = 1'000'000;
constexpr qint64 kStart = 1'700'000'000'000;

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class tst_MessageModelScale : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void countsAMillionQuickly();
    void answersAnyRowQuickly();
    void scrollsTheWholeTableSmoothly();
    void filtersStayUsable();
    void newRowsAtTheTopAreInsertions();
    void smallTableUnderTheModelTester();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_connection = u"scale-reader"_s;
};

void tst_MessageModelScale::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"localstash.db"_s);
    QElapsedTimer timer;
    timer.start();
    {
        Broker::Database db;
        QVERIFY(db.open(m_path, false).ok());
        QSqlDatabase &c = db.connection();
        QVERIFY(c.transaction());
        QSqlQuery q(c);
        QVERIFY(q.prepare(u"INSERT INTO messages (id, state, created_at, updated_at, not_before, "
                          "due_at, url, method, headers, body, max_retries, labels, topic_name) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,COALESCE(?, ''),COALESCE(?, ''))"_s));
        const QString states[] = {u"DELIVERED"_s, u"DELIVERED"_s, u"DELIVERED"_s, u"FAILED"_s,
                                  u"PENDING"_s};
        const QString headers = uR"([["Content-Type","application/json"]])"_s;
        const QByteArray body = R"({"hello":"world"})";
        for (int i = 0; i < kRows; ++i) {
            const qint64 t = kStart + qint64(i) * 10;
            q.bindValue(0, u"msg_%1"_s.arg(i, 10, 10, QLatin1Char('0')));
            q.bindValue(1, states[i % 5]);
            q.bindValue(2, t);
            q.bindValue(3, t);
            q.bindValue(4, t);
            q.bindValue(5, t);
            q.bindValue(6, u"https://example.com/api/%1"_s.arg(i % 100));
            q.bindValue(7, u"POST"_s);
            q.bindValue(8, headers);
            q.bindValue(9, body);
            q.bindValue(10, 3);
            q.bindValue(11, i % 7 == 0 ? u",vip,"_s : QString());
            q.bindValue(12, i % 10 == 0 ? u"orders"_s : QString());
            if (!q.exec())
                QFAIL(qPrintable(q.lastError().text()));
        }
        QVERIFY(c.commit());
    }
    qInfo("generated %d rows in %lld ms", kRows, timer.elapsed());
    QCOMPARE(openReadOnlyDatabase(m_path, m_connection), QString());
}

void tst_MessageModelScale::cleanupTestCase()
{
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

void tst_MessageModelScale::countsAMillionQuickly()
{
    MessageModel model;
    QElapsedTimer timer;
    timer.start();
    model.setConnectionName(m_connection);
    const qint64 ms = timer.elapsed();
    qInfo("count of %d rows: %lld ms", kRows, ms);
    QCOMPARE(model.rowCount(), kRows);
    QVERIFY2(ms < 500, qPrintable(u"%1 ms"_s.arg(ms)));
    QCOMPARE(model.cachedPageCount(), 0); // counting loads no rows
}

void tst_MessageModelScale::answersAnyRowQuickly()
{
    MessageModel model;
    model.setConnectionName(m_connection);
    const auto idAt = [&](int row) {
        return model.index(row, MessageModel::TimeColumn)
            .data(MessageModel::MessageIdRole)
            .toString();
    };
    const auto expected = [](int row) {
        return u"msg_%1"_s.arg(kRows - 1 - row, 10, 10, QLatin1Char('0')); // newest first
    };
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(idAt(0), expected(0));
    QCOMPARE(idAt(kRows - 1), expected(kRows - 1));
    QCOMPARE(idAt(kRows / 2), expected(kRows / 2));
    qInfo("top, bottom and middle: %lld ms", timer.elapsed());

    // Random jumps: each is one walk from the nearest known key at most.
    QRandomGenerator random(42);
    qint64 worst = 0;
    timer.restart();
    for (int i = 0; i < 200; ++i) {
        const int row = int(random.bounded(kRows));
        QElapsedTimer one;
        one.start();
        QCOMPARE(idAt(row), expected(row));
        worst = std::max(worst, one.elapsed());
    }
    qInfo("200 random rows: %lld ms, worst %lld ms", timer.elapsed(), worst);
    QVERIFY2(worst < 250, qPrintable(u"worst jump %1 ms"_s.arg(worst)));
    QVERIFY(model.cachedPageCount() <= PagedSqlModel::MaxCachedPages);
}

void tst_MessageModelScale::scrollsTheWholeTableSmoothly()
{
    MessageModel model;
    model.setConnectionName(m_connection);
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(22);
    view.resize(1000, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const qint64 rssBefore = residentKiB();
    QScrollBar *bar = view.verticalScrollBar();
    QCOMPARE(bar->maximum() > kRows / 2, true);
    // Page by page for a while (the common case: the wheel, Page Down)...
    qint64 worst = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer step;
        step.start();
        bar->setValue(bar->value() + bar->pageStep());
        view.viewport()->repaint(); // paint now: data() for every visible cell
        worst = std::max(worst, step.elapsed());
    }
    qInfo("300 page steps: %lld ms, worst %lld ms", total.elapsed(), worst);
    QVERIFY2(worst < 100, qPrintable(u"worst page step %1 ms"_s.arg(worst)));

    // ...then dragging the thumb across the whole million in 100 jumps.
    worst = 0;
    total.restart();
    for (int i = 0; i <= 100; ++i) {
        QElapsedTimer step;
        step.start();
        bar->setValue(int(qint64(bar->maximum()) * i / 100));
        view.viewport()->repaint();
        worst = std::max(worst, step.elapsed());
    }
    qInfo("100 jumps across the table: %lld ms, worst %lld ms", total.elapsed(), worst);
    QVERIFY2(worst < 300, qPrintable(u"worst jump %1 ms"_s.arg(worst)));
    const QModelIndex last = view.indexAt(QPoint(5, view.viewport()->height() - 5));
    QVERIFY(last.isValid());
    QVERIFY(last.row() > kRows - 40);

    // Bounded: a few pages of rows, one key per visited page; memory did not grow with the
    // million rows scrolled past.
    QVERIFY(model.cachedPageCount() <= PagedSqlModel::MaxCachedPages);
    QVERIFY(model.knownAnchorCount() <= kRows / PagedSqlModel::PageSize + 1);
    const qint64 rssAfter = residentKiB();
    qInfo("resident memory: %lld KiB before scrolling, %lld KiB after", rssBefore, rssAfter);
    if (rssBefore > 0 && rssAfter > 0)
        QVERIFY2(rssAfter - rssBefore < 64 * 1024,
                 qPrintable(u"grew by %1 KiB"_s.arg(rssAfter - rssBefore)));
}

void tst_MessageModelScale::filtersStayUsable()
{
    MessageModel model;
    model.setConnectionName(m_connection);
    struct Case
    {
        const char *name;
        MessageFilter filter;
        int expected;
    };
    MessageFilter failed;
    failed.state = u"FAILED"_s;
    MessageFilter url;
    url.url = u"/api/42"_s;
    MessageFilter group;
    group.group = u"orders"_s;
    MessageFilter label;
    label.label = u"vip"_s;
    const Case cases[] = {{"state", failed, kRows / 5},
                          {"url", url, kRows / 100},
                          {"group", group, kRows / 10},
                          {"label", label, (kRows + 6) / 7}};
    for (const Case &c : cases) {
        QElapsedTimer timer;
        timer.start();
        model.setFilter(c.filter);
        const qint64 countMs = timer.elapsed();
        QCOMPARE(model.rowCount(), c.expected);
        timer.restart();
        for (int row = 0; row < 600; row += 20)
            QVERIFY(!model.index(row, 0).data().toString().isEmpty());
        qInfo("filter %s: count %lld ms, first pages %lld ms", c.name, countMs, timer.elapsed());
        QVERIFY2(countMs < 2000, c.name);
        QVERIFY2(timer.elapsed() < 1000, c.name);
    }
}

void tst_MessageModelScale::newRowsAtTheTopAreInsertions()
{
    // A copy of the schema with a few rows, written to while the model reads.
    QTemporaryDir dir;
    Broker::Database writer;
    QVERIFY(writer.open(dir.filePath(u"small.db"_s), false).ok());
    const auto insert = [&](int i) {
        QSqlQuery q(writer.connection());
        q.prepare(u"INSERT INTO messages (id, state, created_at, updated_at, not_before, due_at, "
                  "url, method, headers, body, max_retries) VALUES (?,?,?,?,?,?,?,?,?,?,?)"_s);
        const qint64 t = kStart + i;
        for (const QVariant &v :
             QVariantList{u"m%1"_s.arg(i), u"PENDING"_s, t, t, t, t, u"https://x/"_s, u"POST"_s,
                          u"[]"_s, QByteArray("x"), 3})
            q.addBindValue(v);
        return q.exec();
    };
    for (int i = 0; i < 450; ++i)
        QVERIFY(insert(i));
    QCOMPARE(openReadOnlyDatabase(dir.filePath(u"small.db"_s), u"small-reader"_s), QString());
    {
        MessageModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnectionName(u"small-reader"_s);
        QCOMPARE(model.rowCount(), 450);
        const QPersistentModelIndex oldest = model.index(449, 0);
        QCOMPARE(model.messageId(449), u"m0"_s);
        QCOMPARE(model.messageId(200), u"m249"_s);

        for (int i = 450; i < 455; ++i)
            QVERIFY(insert(i));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 4);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), 455);
        QCOMPARE(oldest.row(), 454);
        QCOMPARE(model.messageId(0), u"m454"_s);
        QCOMPARE(model.messageId(454), u"m0"_s);
        QCOMPARE(model.rowOfMessage(u"m100"_s), 354);

        // A row gone (pruned): the model starts over rather than show stale rows.
        QSqlQuery(writer.connection()).exec(u"DELETE FROM messages WHERE id = 'm3'"_s);
        model.refresh();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 454);
        QCOMPARE(model.rowOfMessage(u"m3"_s), -1);
    }
    QSqlDatabase::database(u"small-reader"_s, false).close();
    QSqlDatabase::removeDatabase(u"small-reader"_s);
}

void tst_MessageModelScale::smallTableUnderTheModelTester()
{
    MessageModel model;
    MessageFilter filter;
    filter.url = u"/api/77"_s;
    filter.label = u"vip"_s;
    filter.state = u"DELIVERED"_s;
    model.setConnectionName(m_connection);
    model.setFilter(filter);
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() < 3000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString url = model.index(row, MessageModel::UrlColumn).data().toString();
        QVERIFY(url.contains(u"/api/77"_s));
        QCOMPARE(
            model.index(row, MessageModel::StateColumn).data(MessageModel::StateRole).toString(),
            u"DELIVERED"_s);
    }
}

QTEST_MAIN(tst_MessageModelScale)
#include "tst_messagemodel_scale.moc"
