# Reliability and security tests (included from tests/CMakeLists.txt): the bad-input matrix, the
# crash loop and restart invariants, graceful shutdown, disk faults and the API guard. The ones
# that drive a real `localstash --headless` process get its path as LOCALSTASH_BIN.
add_library(reliabilitysupport STATIC
    reliability/rawhttp.cpp reliability/rawhttp.h
    reliability/brokerprocess.cpp reliability/brokerprocess.h
)
target_include_directories(reliabilitysupport PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/reliability)
target_link_libraries(reliabilitysupport PUBLIC Qt6::Core Qt6::Network PRIVATE ls_common)
target_compile_definitions(reliabilitysupport PRIVATE LOCALSTASH_BIN="$<TARGET_FILE:localstash>")
add_dependencies(reliabilitysupport localstash)

ls_add_test(tst_badinput SOURCES reliability/tst_badinput.cpp reliability/badinputrows.cpp
    reliability/badinputrows.h LIBS reliabilitysupport testsupport Qt6::Sql)
ls_add_test(tst_crashloop SOURCES reliability/tst_crashloop.cpp
    LIBS reliabilitysupport testsupport Qt6::Sql TIMEOUT 240)
ls_add_test(tst_shutdown SOURCES reliability/tst_shutdown.cpp
    LIBS reliabilitysupport testsupport TIMEOUT 120)
ls_add_test(tst_diskfault SOURCES reliability/tst_diskfault.cpp
    LIBS reliabilitysupport testsupport Qt6::Sql TIMEOUT 120)
ls_add_test(tst_apiguard SOURCES reliability/tst_apiguard.cpp
    LIBS reliabilitysupport testsupport TIMEOUT 120)
