"""Chongqing higher-vocational education dashboard: data, analysis and figures."""
