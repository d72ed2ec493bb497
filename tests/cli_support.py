"""Run the command line inside a test and capture what it printed."""

from gluteed.cli import main


def run(capsys, *argv):
    """Exit status, stdout and stderr of ``gluteed ARGV``, run in-process.

    An option argparse refuses ends in ``SystemExit``; its status is returned
    like any other.
    """
    try:
        code = main(list(argv))
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err
