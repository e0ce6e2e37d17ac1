"""The data administrators' import on the Data page: sign-in, upload, validation report, preview
and differences, confirmation, history and rollback. Nothing is stored until an administrator
confirms, and a failed check changes nothing."""

from __future__ import annotations

import hmac

import pandas as pd
import streamlit as st

from vetdash import catalog, importing, ui
from vetdash.errors import DataValidationError
from vetdash.i18n import t
from vetdash.store import VersionConflict


def import_section(lang: str) -> None:
    st.subheader(t("data.import_title", lang), divider="gray")
    password = ui.admin_password()
    if not password:
        st.info(t("data.import_disabled", lang), icon=":material/lock:")
        return
    if not st.session_state.get("is_admin"):
        entered = st.text_input(t("data.password", lang), type="password", key="admin_password_input")
        if entered and hmac.compare_digest(entered.encode(), password.encode()):
            st.session_state["is_admin"] = True
            st.rerun()
        elif entered:
            st.error(t("data.password_wrong", lang))
        return

    store = ui.store()
    name = st.selectbox(
        t("data.import_dataset", lang),
        list(importing.IMPORTABLE),
        format_func=lambda n: catalog.dataset(n).title[lang],
        key="import_dataset",
    )
    spec = importing.IMPORTABLE[name]
    author = st.text_input(t("data.author", lang), key="import_author", max_chars=100)
    list_date = (
        st.text_input(t("data.list_date", lang), key="import_list_date", placeholder="2026-06-20")
        if spec.accepts_moe_xls
        else None
    )
    upload = st.file_uploader(t("data.upload", lang), type=["csv", "xlsx", "xls"], key=f"upload_{name}")
    if upload is not None:
        try:
            frame = importing.parse_upload(
                upload.getvalue(),
                upload.name,
                spec,
                ui.import_references(),
                list_date=list_date,
                province_codes=ui.province_codes(),
            )
        except DataValidationError as error:
            st.error(t("data.problems", lang, n=len(error.problems), file=upload.name), icon=":material/error:")
            st.dataframe(pd.DataFrame(error.rows(lang)), hide_index=True, width="stretch")
            st.caption(t("data.nothing_stored", lang))
        else:
            expected = store.current(name)
            current = ui.table(name) if (expected or spec.builtin) else None
            if spec.accepts_moe_xls:
                frame = importing.merge_edition(current, frame)
            changes = importing.diff(current, frame, spec.keys)
            st.success(
                t(
                    "data.valid",
                    lang,
                    rows=len(frame),
                    added=len(changes.added),
                    removed=len(changes.removed),
                    changed=len(changes.changed),
                )
            )
            st.dataframe(frame.head(50), hide_index=True, width="stretch")
            for label, part in (
                (t("data.added", lang), changes.added),
                (t("data.removed", lang), changes.removed),
                (t("data.changed", lang), changes.changed),
            ):
                if not part.empty:
                    with st.expander(f"{label} ({len(part)})"):
                        st.dataframe(part, hide_index=True, width="stretch")
            summary = t(
                "data.summary",
                "en",
                rows=len(frame),
                added=len(changes.added),
                removed=len(changes.removed),
                changed=len(changes.changed),
            )
            if st.button(
                t("data.confirm", lang), type="primary", disabled=not author.strip() or changes.empty, key="confirm_import"
            ):
                try:
                    version = store.commit(
                        name,
                        importing.canonical_bytes(frame),
                        expected=expected,
                        author=author.strip(),
                        original_name=upload.name,
                        summary=summary,
                    )
                except VersionConflict:
                    st.warning(t("data.conflict", lang), icon=":material/sync_problem:")
                else:
                    st.success(t("data.imported", lang, id=version.version_id[:8]))
            if not author.strip():
                st.caption(t("data.author_needed", lang))

    st.subheader(t("data.history_title", lang))
    history = store.history(name)
    if not history:
        st.caption(t("data.no_history", lang))
    else:
        current_id = store.current(name)
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.col_when", lang): [e.at for e in history],
                    t("data.col_action", lang): [t(f"data.action_{e.action}", lang) for e in history],
                    t("data.col_version", lang): [e.version_id[:8] + (" ✓" if e.version_id == current_id else "") for e in history],
                    t("data.col_author", lang): [e.author for e in history],
                }
            ).iloc[::-1],
            hide_index=True, width="stretch",
        )  # fmt: skip
        options = list(dict.fromkeys(e.version_id for e in reversed(history)))
        target = st.selectbox(
            t("data.rollback_to", lang),
            options,
            format_func=lambda v: f"{v[:8]} · {store.version(name, v).original_name}",
            key="rollback_target",
        )
        if st.button(t("data.rollback", lang), disabled=target == current_id, key="rollback_button"):
            try:
                store.rollback(name, target, expected=current_id, author=author.strip() or "admin")
            except VersionConflict:
                st.warning(t("data.conflict", lang), icon=":material/sync_problem:")
            else:
                st.success(t("data.rolled_back", lang, id=target[:8]))
                st.rerun()
