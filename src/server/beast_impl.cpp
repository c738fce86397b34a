// Compiles Asio and Beast once for the whole program (BOOST_*_SEPARATE_COMPILATION
// is set on the server target), so the server's other files build quickly.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
