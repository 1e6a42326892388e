// Unwrapping Result<T> inside the cases stage without repeating the error
// plumbing at every call.
#ifndef INTERDICT_CASES_RESULT_UTIL_H_
#define INTERDICT_CASES_RESULT_UTIL_H_

#include "interdict/status.h"

#define INTERDICT_CASES_CONCAT_(a, b) a##b
#define INTERDICT_CASES_CONCAT(a, b) INTERDICT_CASES_CONCAT_(a, b)

// Declares `lhs` as a reference to the value of `expr` (a Result<T>), or
// returns its error from a function returning Result<U>.
#define ASSIGN_OR_RETURN(lhs, expr)                                                        \
  auto INTERDICT_CASES_CONCAT(result_, __LINE__) = (expr);                                 \
  if (!INTERDICT_CASES_CONCAT(result_, __LINE__))                                          \
    return ::interdict::Err(std::move(INTERDICT_CASES_CONCAT(result_, __LINE__)).error()); \
  lhs = std::move(*INTERDICT_CASES_CONCAT(result_, __LINE__))

// The same for functions returning Status.
#define ASSIGN_OR_RETURN_STATUS(lhs, expr)                               \
  auto INTERDICT_CASES_CONCAT(result_, __LINE__) = (expr);               \
  if (!INTERDICT_CASES_CONCAT(result_, __LINE__))                        \
    return std::move(INTERDICT_CASES_CONCAT(result_, __LINE__)).error(); \
  lhs = std::move(*INTERDICT_CASES_CONCAT(result_, __LINE__))

#endif  // INTERDICT_CASES_RESULT_UTIL_H_
