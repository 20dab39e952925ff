#pragma once
// A small form in a dialog (create a URL group, add an endpoint, create or edit a queue): rows
// of fields, an OK button enabled only while `validate` returns "" (otherwise its text shows
// under the form), opened window-modal so the event loop keeps running.

#include <QDialog>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Dashboard {

class FormDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormDialog)
public:
    FormDialog(const QString &title, const QString &acceptText, QWidget *parent = nullptr);

    QLineEdit *addLineEdit(const QString &label, const QString &objectName,
                           const QString &text = {}, const QString &placeholder = {});
    QSpinBox *addSpinBox(const QString &label, const QString &objectName, int min, int max,
                         int value);
    QCheckBox *addCheckBox(const QString &text, const QString &objectName, bool checked);
    void addNote(const QString &text);
    // Returns "" when the form may be accepted, else what to fix.
    void setValidator(std::function<QString()> validate);
    void revalidate();

private:
    QFormLayout *m_form = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    std::function<QString()> m_validate;
};

} // namespace Dashboard
