#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr int kAutoHideMs = 6000;

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(u"messageBarLabel"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_text->setText(text);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor tint(0x1c, 0x71, 0xd8);
    if (kind == Error) {
        icon = QStyle::SP_MessageBoxCritical;
        tint = QColor(0xd0, 0x31, 0x2d);
    } else if (kind == Success) {
        icon = QStyle::SP_DialogApplyButton;
        tint = QColor(0x2e, 0xa0, 0x43);
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    QPalette pal = palette();
    const QColor base = QPalette().color(QPalette::Window);
    // Blend the tint onto the window colour so text keeps the theme's contrast.
    const auto mix = [](int a, int b, double t) { return int(a * (1 - t) + b * t); };
    pal.setColor(QPalette::Window,
                 QColor(mix(base.red(), tint.red(), 0.16), mix(base.green(), tint.green(), 0.16),
                        mix(base.blue(), tint.blue(), 0.16)));
    setPalette(pal);
    show();
    if (kind == Error)
        m_hideTimer.stop();
    else
        m_hideTimer.start(kAutoHideMs);
}

} // namespace Dashboard
