#include "formdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

FormDialog::FormDialog(const QString &title, const QString &acceptText, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"formDialog"_s);
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"formProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(acceptText);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"formAcceptButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
}

QLineEdit *FormDialog::addLineEdit(const QString &label, const QString &objectName,
                                   const QString &text, const QString &placeholder)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    m_form->addRow(label, edit);
    connect(edit, &QLineEdit::textChanged, this, &FormDialog::revalidate);
    return edit;
}

QSpinBox *FormDialog::addSpinBox(const QString &label, const QString &objectName, int min, int max,
                                 int value)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setValue(value);
    m_form->addRow(label, spin);
    connect(spin, &QSpinBox::valueChanged, this, &FormDialog::revalidate);
    return spin;
}

QCheckBox *FormDialog::addCheckBox(const QString &text, const QString &objectName, bool checked)
{
    auto *box = new QCheckBox(text, this);
    box->setObjectName(objectName);
    box->setChecked(checked);
    m_form->addRow(QString(), box);
    return box;
}

void FormDialog::addNote(const QString &text)
{
    auto *note = new QLabel(text, this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    m_form->addRow(QString(), note);
}

void FormDialog::setValidator(std::function<QString()> validate)
{
    m_validate = std::move(validate);
    revalidate();
}

void FormDialog::revalidate()
{
    const QString problem = m_validate ? m_validate() : QString();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace Dashboard
