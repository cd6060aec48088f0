// Which sanitizers this translation unit is built with, as 0 or 1: GCC
// defines __SANITIZE_ADDRESS__ and __SANITIZE_THREAD__; Clang answers
// __has_feature instead.
#pragma once

#if defined(__has_feature)
#define TAIRLINT_HAS_FEATURE(x) __has_feature(x)
#else
#define TAIRLINT_HAS_FEATURE(x) 0
#endif

#if defined(__SANITIZE_ADDRESS__) || TAIRLINT_HAS_FEATURE(address_sanitizer)
#define TAIRLINT_ADDRESS_SANITIZER 1
#else
#define TAIRLINT_ADDRESS_SANITIZER 0
#endif

#if defined(__SANITIZE_THREAD__) || TAIRLINT_HAS_FEATURE(thread_sanitizer)
#define TAIRLINT_THREAD_SANITIZER 1
#else
#define TAIRLINT_THREAD_SANITIZER 0
#endif
