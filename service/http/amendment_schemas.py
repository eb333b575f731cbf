"""Request bodies of amendments: a list of changes (a union tagged by `type`), signatures, withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from msgspec import Meta

from domain.values import Modality, Nature
from service.http.progress_schemas import DueDateIn, VerificationPolicyIn
from service.http.schemas import ResponsibilityIn
from service.http.wire import Code, LocalizedTextIn, Request, ShortText

Responsibilities = Annotated[list[ResponsibilityIn], Meta(min_length=1, max_length=50)]


class AddCommitmentChange(Request, tag_field="type", tag="add_commitment"):
    commitment_code: Code
    area_code: Code
    text: LocalizedTextIn
    modality: Modality
    responsibilities: Responsibilities
    nature: Nature | None = None
    due: DueDateIn | None = None


class ReviseCommitmentChange(Request, tag_field="type", tag="revise_commitment"):
    """Only what is given changes."""

    commitment_code: Code
    text: LocalizedTextIn | None = None
    modality: Modality | None = None
    nature: Nature | None = None
    responsibilities: Responsibilities | None = None


class CancelCommitmentChange(Request, tag_field="type", tag="cancel_commitment"):
    commitment_code: Code
    reason: ShortText


class ChangeDueDateChange(Request, tag_field="type", tag="change_due_date"):
    commitment_code: Code
    due: DueDateIn


class SetVerificationPolicyChange(Request, tag_field="type", tag="set_verification_policy"):
    """For one commitment, or (without a code) for the whole agreement."""

    policy: VerificationPolicyIn
    commitment_code: Code | None = None


AmendmentChangeIn = (
    AddCommitmentChange
    | ReviseCommitmentChange
    | CancelCommitmentChange
    | ChangeDueDateChange
    | SetVerificationPolicyChange
)


class ProposeAmendmentRequest(Request):
    changes: Annotated[list[AmendmentChangeIn], Meta(max_length=50)]
    summary: LocalizedTextIn | None = None


class SignAmendmentRequest(Request):
    signed_on: date


class WithdrawAmendmentRequest(Request):
    reason: ShortText
