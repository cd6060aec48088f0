// `tairlint manpage`: tairlint(1) in roff. The commands and options come
// from the command line's definition (tool/help_files.h); the prose is here.
#include <cctype>
#include <sstream>

#include "help_files.h"
#include "tairlint/tairlint.h"

namespace tairlint::cli {
namespace {

// Text safe in roff: backslashes escaped, no line taken for a request.
std::string Roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-' ) out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Roff(s);
}

std::string Synopsis(const CommandSpec& c) {
  std::string s = "\\fBtairlint " + Roff(c.name) + "\\fR";
  if (c.options.size() > 1 || (c.options.size() == 1 && !c.options[0].positional)) s += " [\\fIoptions\\fR]";
  for (const auto& o : c.options) {
    if (o.positional) s += " \\fI" + Upper(o.names[0]) + "\\fR" + (o.repeatable ? "..." : "");
  }
  return s;
}

void WriteOptions(std::ostringstream& out, const CommandSpec& c) {
  std::string group;
  for (const auto& o : c.options) {
    if (!c.name.empty() && o.names[0] == "--help") continue;  // said once, under OPTIONS
    if (o.group != group && o.group != "Options" && !o.group.empty()) out << ".PP\n\\fI" << Roff(o.group) << ":\\fR\n";
    group = o.group;
    out << ".TP\n";
    if (o.positional) out << "\\fI" << Upper(o.names[0]) << "\\fR";
    for (size_t i = 0; i < o.names.size() && !o.positional; ++i) out << (i ? ", " : "") << "\\fB" << Roff(o.names[i]) << "\\fR";
    if (!o.value.empty() && !o.positional) out << " \\fI" << Roff(o.value) << "\\fR";
    out << "\n" << Roff(o.description);
    if (!o.choices.empty()) {
      out << ": ";
      for (size_t i = 0; i < o.choices.size(); ++i) out << (i ? ", " : "") << "\\fB" << Roff(o.choices[i]) << "\\fR";
    }
    if (!o.default_value.empty()) out << " (default: " << Roff(o.default_value) << ")";
    if (o.repeatable && !o.positional) out << "; may be given more than once";
    out << ".\n";
  }
}

const char* kDescription = R"(.SH DESCRIPTION
\fBtairlint\fR checks request payloads of the Alibaba Cloud Tair (R\-kvstore,
API 2015\-01\-01) actions \fBCreateInstances\fR and \fBCreateTairKVCacheVNode\fR
before they are sent, and answers with the error codes the service would
answer (\fBInvalidPassword.Malformed\fR, \fBMissingParameter\fR, ...), each with
the line and column of the offending value.
.PP
A \fIPATH\fR is a file, a directory (searched for *.json, *.yaml, *.yml and
*.query files) or \fB\-\fR for standard input. The input form (JSON, YAML or a
query string) is told from the content, the action from \fB\-\-action\fR, the
request's \fBAction\fR or its parameters.
)";

const char* kTail = R"(.SH EXIT STATUS
.TP
.B 0
No error was found.
.TP
.B 1
An error was found (a file that cannot be read or parsed is an error).
.TP
.B 2
A usage or configuration error of tairlint itself.
.SH FILES
.TP
.I .tairlint.toml
Read by \fBtairlint check\fR from the working directory or the nearest parent
that has one, unless \fB\-\-config\fR or \fB\-\-no\-config\fR is given: rule
severities, files to skip, findings to ignore, actions of files, catalogs and
what fails the run.
.SH ENVIRONMENT
.TP
.B NO_COLOR
When set, \fB\-\-color auto\fR prints no colour.
.SH EXAMPLES
.nf
tairlint check specs/
tairlint check \-\-format sarif \-\-output\-file tairlint.sarif specs/
tairlint explain InvalidPassword.Malformed
tairlint schema CreateInstances > CreateInstances.schema.json
.fi
.SH SEE ALSO
\fBtairlint rules\fR and \fBtairlint codes\fR list what is checked; the
README of tairlint's source has the configuration file and the library.
)";

}  // namespace

std::string ManPage(const std::vector<CommandSpec>& commands) {
  std::ostringstream out;
  out << ".\\\" tairlint(1); written by `tairlint manpage`.\n"
      << ".TH TAIRLINT 1 \"\" \"tairlint " << Roff(Version()) << "\" \"User Commands\"\n"
      << ".SH NAME\ntairlint \\- check Alibaba Cloud Tair requests before they are sent\n.SH SYNOPSIS\n";
  for (size_t i = 1; i < commands.size(); ++i) out << Synopsis(commands[i]) << "\n.br\n";
  out << "\\fBtairlint\\fR \\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR\n" << kDescription
      << ".SH COMMANDS\nEach command also takes \\fB\\-\\-help\\fR.\n";
  for (size_t i = 1; i < commands.size(); ++i) {
    out << ".SS \"" << Synopsis(commands[i]) << "\"\n" << Roff(commands[i].description) << ".\n";
    WriteOptions(out, commands[i]);
  }
  out << ".SH OPTIONS\n";
  WriteOptions(out, commands[0]);
  out << kTail;
  return out.str();
}

}  // namespace tairlint::cli
