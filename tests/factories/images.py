"""Wagtail images: a one-colour PNG stands in for a logo or a signature scan."""

import factory
import wagtail_factories
from wagtail.models import Collection


class ImageFactory(wagtail_factories.ImageFactory):
    """A one-colour PNG named after its title; size and colour through
    `file__width`, `file__height` and `file__color`."""

    title = factory.Sequence(lambda n: f"Image {n}")
    # In the root collection, as an upload would be (wagtail-factories would make
    # a new root collection for every image).
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(
        filename=factory.LazyAttribute(
            lambda params: f"{params.factory_parent.title}.png"
        ),
        format="PNG",
        width=300,
        height=100,
        color="navy",
    )
