"""The data administrators' import on the Data page: sign-in, upload, validation report, preview
and differences, confirmation, history and rollback. Nothing is stored until an administrator
confirms, and a failed check changes nothing."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from vetdash import catalog, importing, signin, ui
from vetdash.errors import DataValidationError
from vetdash.i18n import t
from vetdash.store import StoreError, VersionConflict


def _check_password(password: str) -> None:
    """Runs once per entry (the field's change), not on every rerun; the field is emptied after."""
    entered = st.session_state.get("admin_password_input") or ""
    st.session_state["admin_password_input"] = ""
    if entered:
        backoff = st.session_state.setdefault("admin_backoff", signin.session_backoff())
        outcome = signin.attempt(entered, password, backoff)
        st.session_state["is_admin"] = outcome.accepted
        st.session_state["admin_sign_in"] = outcome


def _sign_in_form(password: str, lang: str) -> None:
    st.text_input(
        t("data.password", lang), type="password", key="admin_password_input", on_change=_check_password, args=(password,)
    )
    outcome = st.session_state.get("admin_sign_in")
    if outcome is None:
        return
    seconds = math.ceil(outcome.wait)
    if not outcome.checked:
        st.error(t("data.password_wait", lang, seconds=seconds), icon=":material/timer:")
    elif seconds:
        st.error(f"{t('data.password_wrong', lang)} {t('data.password_next', lang, seconds=seconds)}")
    else:
        st.error(t("data.password_wrong", lang))


def _provider_sign_in(emails: frozenset[str], lang: str) -> None:
    """Sign-in through the deployment's OpenID Connect provider ([auth] in secrets.toml); the
    signed-in address must be one of [admin] emails."""
    if not st.user.is_logged_in:
        st.button(t("data.sso_sign_in", lang), on_click=st.login, icon=":material/login:", key="sso_sign_in")
        return
    email = str(st.user.get("email") or "").strip().lower()
    if email in emails:
        st.session_state["is_admin"] = True
        return
    st.warning(t("data.sso_not_admin", lang, email=email or "?"), icon=":material/block:")
    st.button(t("data.sso_sign_out", lang), on_click=st.logout, key="sso_sign_out")


def import_section(lang: str) -> None:
    st.subheader(t("data.import_title", lang), divider="gray")
    password, emails = ui.admin_password(), ui.admin_emails()
    if not password and not emails:
        st.info(t("data.import_disabled", lang), icon=":material/lock:")
        return
    if not st.session_state.get("is_admin"):
        if emails:
            _provider_sign_in(emails, lang)
        if password and not st.session_state.get("is_admin"):
            _sign_in_form(password, lang)
        if not st.session_state.get("is_admin"):
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
                except StoreError as error:
                    st.error(error.message(lang), icon=":material/error:")
                else:
                    st.success(t("data.imported", lang, id=version.version_id[:8]))
            if not author.strip():
                st.caption(t("data.author_needed", lang))

    st.subheader(t("data.history_title", lang))
    history = store.history(name)
    if not history:
        st.caption(t("data.no_history", lang))
    else:
        current = store.current(name)
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.col_when", lang): [e.at for e in history],
                    t("data.col_action", lang): [t(f"data.action_{e.action}", lang) for e in history],
                    t("data.col_version", lang): [e.version_id[:8] + (" ✓" if e.version_id == current else "") for e in history],
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
        if st.button(t("data.rollback", lang), disabled=target == current, key="rollback_button"):
            try:
                store.rollback(name, target, expected=current, author=author.strip() or "admin")
            except VersionConflict:
                st.warning(t("data.conflict", lang), icon=":material/sync_problem:")
            except StoreError as error:
                st.error(error.message(lang), icon=":material/error:")
            else:
                st.success(t("data.rolled_back", lang, id=target[:8]))
                st.rerun()
