"""Run the command line inside a test and capture what it printed."""

from gluteed.cli import main


def run(capsys, *argv):
    """Exit status, stdout and stderr of ``gluteed ARGV``, run in-process."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
