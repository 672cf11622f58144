"""Sign up with a verified e-mail address, log in and out, reset and change password,
and keep the profile that certificates and reports rely on."""

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User

SIGNUP = {
    "email": "Nguyen.Van.A@Example.org",
    "password1": "a long passphrase 2026",
    "password2": "a long passphrase 2026",
    "certificate_name": "Nguyễn Văn A",
    "country": "VN",
    "agency": "Ministry of Public Security, Cybercrime Department",
    "job_role": "investigator",
    "preferred_language": "fr",
    "gender": "prefer_not_to_say",
}


def link_in_last_mail() -> str:
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_sign_up_verify_and_land_on_my_learning(client, db):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get()
    assert user.email == "nguyen.van.a@example.org"
    assert user.certificate_name == "Nguyễn Văn A"
    assert (user.country.code, user.job_role, user.gender) == (
        "VN",
        "investigator",
        "prefer_not_to_say",
    )
    assert len(mail.outbox) == 1 and "confirm" in mail.outbox[0].subject.lower()

    client.logout()
    login = client.post(
        reverse("account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )
    assert login["Location"] == reverse("account_email_verification_sent")

    confirm_url = link_in_last_mail()
    assert client.get(confirm_url).status_code == HTTPStatus.OK
    response = client.post(confirm_url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/my-learning/"  # in the preferred language


def test_sign_up_without_the_profile_keeps_what_was_typed(client, db):
    data = {**SIGNUP, "certificate_name": "", "country": ""}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert html.count("This field is required.") == 2
    assert 'value="Ministry of Public Security, Cybercrime Department"' in html
    assert not User.objects.exists()


def test_log_out_and_in_again(client, trainee):
    client.force_login(trainee)
    client.post(reverse("account_logout"))
    assert client.get(reverse("learning:dashboard")).status_code == HTTPStatus.FOUND
    response = client.post(
        reverse("account_login"),
        {"login": trainee.email, "password": "correct horse battery"},
    )
    assert response["Location"] == reverse("learning:dashboard")


def test_a_login_survives_losing_the_cache(client, trainee):
    """Sessions are read from the cache but kept in the database as well: a Redis
    flush or restart logs nobody out."""
    client.post(
        reverse("account_login"),
        {"login": trainee.email, "password": "correct horse battery"},
    )
    assert client.get(reverse("learning:dashboard")).status_code == HTTPStatus.OK
    cache.clear()
    assert client.get(reverse("learning:dashboard")).status_code == HTTPStatus.OK


def test_wrong_password_gets_a_clear_message(client, trainee):
    response = client.post(
        reverse("account_login"), {"login": trainee.email, "password": "nope"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "not correct" in response.content.decode()


def test_password_reset_by_e_mail(client, trainee):
    client.post(reverse("account_reset_password"), {"email": trainee.email})
    reset_url = link_in_last_mail()
    form_url = client.get(reset_url)["Location"]
    client.post(
        form_url,
        {"password1": "a new long passphrase", "password2": "a new long passphrase"},
    )
    trainee.refresh_from_db()
    assert trainee.check_password("a new long passphrase")


def test_change_password_when_logged_in(client, trainee):
    client.force_login(trainee)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "correct horse battery",
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )
    trainee.refresh_from_db()
    assert trainee.check_password("another long passphrase")


def test_profile_can_be_updated_and_bad_input_is_explained(client, trainee):
    client.force_login(trainee)
    url = reverse("accounts:profile")
    data = {
        "certificate_name": "Amina Kamau",
        "country": "KE",
        "agency": "Office of the Director of Public Prosecutions",
        "job_role": "prosecutor",
        "preferred_language": "en",
        "gender": "woman",
    }
    assert client.post(url, data)["Location"] == url
    trainee.refresh_from_db()
    assert (trainee.certificate_name, trainee.job_role) == ("Amina Kamau", "prosecutor")

    response = client.post(url, {**data, "country": "XX"})
    assert response.status_code == HTTPStatus.OK
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize("url_name", ["account_signup", "account_login"])
def test_account_pages_use_the_site_layout(client, db, url_name):
    html = client.get(reverse(url_name)).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert 'class="button"' in html
