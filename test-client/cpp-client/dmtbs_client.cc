// A branch client in C++ (omniORB), built from the same IDL as the Java one: the front end must
// serve any CORBA client, not only JacORB. One operation per run, printed in the canonical text the
// Java client prints ("OK ...", "SHOWS [...]", "SCHEDULE [...]", "REFUSED CODE"), so a test can
// compare the two. Exit codes as `bin/dmtbs client`: 0 success, 3 Refused, 4 Unavailable,
// 2 usage or CORBA error.
#include <omniORB4/CORBA.h>
#include <omniORB4/Naming.hh>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>
#include "dmtbs.hh"

namespace {

// counted: the last argument is a number (capacity or tickets).
struct Operation { const char* name; int args; bool counted; const char* usage; };

const Operation kOperations[] = {
    {"addMovieSlots", 4, true, "adminID movieID movieName capacity"},
    {"removeMovieSlots", 3, false, "adminID movieID movieName"},
    {"listMovieShowsAvailability", 2, false, "adminID movieName"},
    {"bookMovieTickets", 5, true, "userID customerID movieID movieName tickets"},
    {"getBookingSchedule", 2, false, "userID customerID"},
    {"cancelMovieTickets", 5, true, "userID customerID movieID movieName tickets"},
    {"exchangeTickets", 7, true, "userID customerID movieID movieName newMovieID newMovieName tickets"},
};

int usage(const std::string& why) {
  std::cerr << "dmtbs_client: " << why << "\n"
            << "usage: dmtbs_client NAMING_URL OPERATION ARGS...   (NAMING_URL e.g. corbaloc::127.0.0.1:1050/NameService)\n";
  for (const Operation& op : kOperations) std::cerr << "  " << op.name << " " << op.usage << "\n";
  return 2;
}

// A whole number, or false: "2x" or "" is bad input, never silently 2 or 0.
bool parseCount(const std::string& text, CORBA::Long& out) {
  if (text.empty() || text.size() > 9) return false;
  for (char c : text) if (c < '0' || c > '9') return false;
  out = static_cast<CORBA::Long>(std::atol(text.c_str()));
  return true;
}

// "TITLE [movieID movieName count,...]", as Java's Call prints shows and bookings.
template <typename Seq, typename Count>
std::string listed(const char* title, const Seq& list, Count count) {
  std::string s = std::string(title) + " [";
  for (CORBA::ULong i = 0; i < list.length(); i++) {
    if (i > 0) s += ",";
    s += std::string(list[i].movieID) + " " + std::string(list[i].movieName) + " " + std::to_string(count(list[i]));
  }
  return s + "]";
}

std::string ok(const CORBA::String_var& s) { return std::string("OK ") + s.in(); }

std::string invoke(DMTBS::BookingService_ptr fe, const std::string& op, const std::vector<std::string>& a, CORBA::Long n) {
  if (op == "addMovieSlots") return ok(fe->addMovieSlots(a[0].c_str(), a[1].c_str(), a[2].c_str(), n));
  if (op == "removeMovieSlots") return ok(fe->removeMovieSlots(a[0].c_str(), a[1].c_str(), a[2].c_str()));
  if (op == "listMovieShowsAvailability") {
    DMTBS::ShowList_var list = fe->listMovieShowsAvailability(a[0].c_str(), a[1].c_str());
    return listed("SHOWS", list.in(), [](const DMTBS::ShowAvailability& x) { return x.seatsLeft; });
  }
  if (op == "bookMovieTickets") return ok(fe->bookMovieTickets(a[0].c_str(), a[1].c_str(), a[2].c_str(), a[3].c_str(), n));
  if (op == "getBookingSchedule") {
    DMTBS::BookingList_var list = fe->getBookingSchedule(a[0].c_str(), a[1].c_str());
    return listed("SCHEDULE", list.in(), [](const DMTBS::Booking& x) { return x.tickets; });
  }
  if (op == "cancelMovieTickets") return ok(fe->cancelMovieTickets(a[0].c_str(), a[1].c_str(), a[2].c_str(), a[3].c_str(), n));
  return ok(fe->exchangeTickets(a[0].c_str(), a[1].c_str(), a[2].c_str(), a[3].c_str(), a[4].c_str(), a[5].c_str(), n));
}

}  // namespace

int main(int argc, char** argv) {
  // ORB_init removes its own -ORB... options from argv; what remains is ours.
  CORBA::ORB_var orb = CORBA::ORB_init(argc, argv);
  int code = 2;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2) return usage("a naming URL and an operation are needed");
  const std::string url = args[0], op = args[1];
  const Operation* known = nullptr;
  for (const Operation& o : kOperations) if (op == o.name) known = &o;
  if (known == nullptr) return usage("unknown operation: " + op);
  std::vector<std::string> a(args.begin() + 2, args.end());
  if (static_cast<int>(a.size()) != known->args) return usage(op + " takes " + known->usage);
  CORBA::Long n = 0;
  if (known->counted && !parseCount(a.back(), n)) return usage("not a whole number: " + a.back());
  try {
    CORBA::Object_var obj = orb->string_to_object(url.c_str());
    CosNaming::NamingContext_var naming = CosNaming::NamingContext::_narrow(obj);
    if (CORBA::is_nil(naming)) throw CORBA::OBJECT_NOT_EXIST();
    CosNaming::Name name;
    name.length(1);
    name[0].id = CORBA::string_dup("FrontEnd");
    name[0].kind = CORBA::string_dup("");
    CORBA::Object_var feObj = naming->resolve(name);
    DMTBS::BookingService_var fe = DMTBS::BookingService::_narrow(feObj);
    if (CORBA::is_nil(fe)) throw CORBA::OBJECT_NOT_EXIST();
    std::cout << invoke(fe, op, a, n) << std::endl;
    code = 0;
  } catch (const DMTBS::Refused& e) {
    std::cout << "REFUSED " << e.code.in() << std::endl;
    code = 3;
  } catch (const DMTBS::Unavailable& e) {
    std::cout << "UNAVAILABLE " << e.reason.in() << std::endl;
    code = 4;
  } catch (const CosNaming::NamingContext::NotFound&) {
    std::cerr << "dmtbs_client: no FrontEnd in the naming service at " << url << std::endl;
  } catch (const CORBA::SystemException& e) {
    std::cerr << "dmtbs_client: CORBA " << e._name() << " (minor " << e.minor() << ") talking to " << url << std::endl;
  } catch (const CORBA::Exception& e) {
    std::cerr << "dmtbs_client: CORBA " << e._name() << std::endl;
  }
  orb->destroy();
  return code;
}
