#include "counter_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace {

// One entry a line: "<tag> <number> <id length> <id>", so an id may hold any byte.
void WriteEntries(std::ostream& out, char tag, const std::map<std::string, uint64_t>& entries) {
  for (const auto& [id, number] : entries)
    out << tag << ' ' << number << ' ' << id.size() << ' ' << id << '\n';
}

[[noreturn]] void Fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

}  // namespace

CounterFile::CounterFile(std::string dir) : dir_(std::move(dir)), path_(dir_ + "/counter.state") {}

CounterState CounterFile::Load() const {
  CounterState state;
  std::ifstream in(path_, std::ios::binary);
  char tag;
  uint64_t number;
  size_t length;
  while (in >> tag >> number >> length) {
    in.get();  // the space before the id
    std::string id(length, '\0');
    in.read(id.data(), static_cast<std::streamsize>(length));
    (tag == 's' ? state.slots : state.applied)[id] = number;
  }
  return state;
}

void CounterFile::Save(const CounterState& state) const {
  std::ostringstream text;
  WriteEntries(text, 's', state.slots);
  WriteEntries(text, 'a', state.applied);
  const std::string contents = text.str();
  const std::string temp = path_ + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) Fail("open " + temp);
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail("write " + temp);
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) Fail("fsync " + temp);
  ::close(fd);
  if (::rename(temp.c_str(), path_.c_str()) != 0) Fail("rename " + temp);
  const int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) Fail("open " + dir_);
  if (::fsync(dir_fd) != 0) Fail("fsync " + dir_);
  ::close(dir_fd);
}
