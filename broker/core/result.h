#pragma once
// Result<T>: a value or an ApiError. The broker returns these instead of throwing; the HTTP layer
// turns the error into `{"error": "..."}` with the status from one map (http/apierror.cpp).

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Broker {

enum class ErrorCode {
    BadRequest,       // 400: malformed input
    Unauthorized,     // 401
    NotFound,         // 404
    MethodNotAllowed, // 405
    PayloadTooLarge,  // 413
    HeadersTooLarge,  // 431
    QuotaExceeded,    // 412
    StorageFailed,    // 500/507: the store refused a write
    Internal,         // 500
};

struct ApiError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

inline ApiError badRequest(QString message)
{
    return ApiError{ErrorCode::BadRequest, std::move(message)};
}
inline ApiError notFound(QString message)
{
    return ApiError{ErrorCode::NotFound, std::move(message)};
}

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(ApiError error)
        : m_data(std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const ApiError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, ApiError> m_data;
};

// For operations that produce no value.
struct Ok
{};
using Status = Result<Ok>;

} // namespace Broker
