"""Property tests of the validator: whatever bytes a CSV holds, validation reports problems and
never raises; and the messages it prints keep the file:line: column: shape."""

import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from videorace.pipeline import config
from videorace.data.validate import validate

MESSAGE = re.compile(r"^\S+\.csv(:\d+)?: ([\w+]+|'.*'|\".*\"): .+, found .+$", re.DOTALL)

csv_like = st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=st.sampled_from(list('abc,"\n\r;=<>-0123456789 é\x00\t')), max_size=300)
    .map(lambda t: t.encode("utf-8")),
    st.lists(st.lists(st.text(max_size=12), max_size=9), max_size=6).map(
        lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["gpus.csv", "models.csv", "model_events.csv", "funding_rounds.csv"]),
       data=csv_like, keep_header=st.booleans())
def test_arbitrary_bytes_never_raise(tmp_path_factory, table, data, keep_header):
    target = tmp_path_factory.mktemp("data")
    for path in config.DATA_DIR.glob("*.csv"):
        shutil.copy(path, target / path.name)
    header = (config.DATA_DIR / table).read_bytes().split(b"\n", 1)[0] + b"\n"
    (target / table).write_bytes((header if keep_header else b"") + data)
    problems = validate(target)  # must not raise
    for p in problems:
        assert MESSAGE.match(str(p)), str(p)
