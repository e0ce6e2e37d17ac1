"""Pure, typed analysis functions: DataFrames in, DataFrames out, no I/O and no Streamlit."""
