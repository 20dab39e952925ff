#pragma once
// An inline message above a page's content (errors from the API, confirmations), instead of a
// modal box: the text, an icon and a close button. Information hides itself after a while;
// errors stay until closed or replaced.

#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

namespace Dashboard {

class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)
public:
    enum Kind { Information, Success, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void showError(const QString &text) { showMessage(Error, text); }
    void showInfo(const QString &text) { showMessage(Information, text); }
    void showSuccess(const QString &text) { showMessage(Success, text); }
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QToolButton *m_close = nullptr;
    QTimer m_hideTimer;
    Kind m_kind = Information;
};

} // namespace Dashboard
